import { App, Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { patch, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import {
  type Catalog,
  fmtTime,
  type Incident,
  KNOWN_KINDS,
  MINUTE_PATTERN,
  parseTime,
  prefixOptions,
  regionOptions,
} from './model.ts';

interface Values {
  title: string;
  kind: string;
  districtCode?: string;
  streetCode?: string;
  categoryPrefixes?: string[];
  startsAt: string;
  endsAt?: string;
  notice?: string;
}

/** Declare (incident = null) or edit an incident: title, kind, area, categories it causes, times, notice. */
export function IncidentForm({
  open,
  incident,
  kinds,
  catalog,
  onClose,
  onSaved,
}: {
  open: boolean;
  incident: Incident | null;
  kinds: string[];
  catalog: Catalog | null;
  onClose(): void;
  onSaved(i: Incident): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const district = Form.useWatch('districtCode', form);
  const { districts, streets } = regionOptions(catalog, district);
  const kindLabel = (k: string) => (KNOWN_KINDS.includes(k) ? t(`incidents.kind.${k}`) : k);
  const time = [{ pattern: MINUTE_PATTERN, message: t('incidents.form.timeFormat') }];

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body = {
      title: v.title,
      kind: v.kind,
      districtCode: v.districtCode ?? null,
      streetCode: v.streetCode ?? null,
      categoryPrefixes: v.categoryPrefixes ?? [],
      startsAt: parseTime(v.startsAt),
      notice: v.notice ?? '',
      ...(incident?.status === 'resolved' && !v.endsAt ? {} : { endsAt: parseTime(v.endsAt) }),
    };
    try {
      const r = incident
        ? await patch<{ incident: Incident }>(`/api/v1/case-incidents/${incident.id}`, body)
        : await post<{ incident: Incident }>('/api/v1/case-incidents', body);
      message.success(t('common.saved'));
      onSaved(r.incident);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Drawer
      open={open}
      title={incident ? t('incidents.form.edit') : t('incidents.form.new')}
      onClose={onClose}
      size={640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => void save()} data-testid="incident-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="incident-form"
        initialValues={
          incident
            ? {
                title: incident.title,
                kind: incident.kind,
                districtCode: incident.districtCode ?? undefined,
                streetCode: incident.streetCode ?? undefined,
                categoryPrefixes: incident.categoryPrefixes,
                startsAt: fmtTime(incident.startsAt),
                endsAt: fmtTime(incident.endsAt),
                notice: incident.notice,
              }
            : { kind: kinds[0], startsAt: fmtTime(Date.now()), categoryPrefixes: [] }
        }
      >
        <Form.Item
          name="title"
          label={t('incidents.field.title')}
          rules={[{ required: true, whitespace: true, message: t('incidents.form.required') }]}
        >
          <Input maxLength={100} placeholder={t('incidents.form.titleHint')} data-testid="incident-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('incidents.field.kind')} rules={[{ required: true }]}>
          <Select options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} data-testid="incident-kind" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="districtCode" label={t('incidents.field.district')} extra={t('incidents.form.areaHelp')}>
              <Select
                allowClear
                options={districts}
                onChange={() => form.setFieldValue('streetCode', undefined)}
                data-testid="incident-district"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="streetCode" label={t('incidents.field.street')}>
              <Select allowClear options={streets} disabled={!district} data-testid="incident-street" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="categoryPrefixes"
          label={t('incidents.field.categories')}
          extra={t('incidents.form.categoriesHelp')}
        >
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={prefixOptions(catalog, locale === 'en')}
            data-testid="incident-categories"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="startsAt"
              label={t('incidents.field.startsAt')}
              rules={[{ required: true, message: t('incidents.form.required') }, ...time]}
            >
              <Input placeholder="2026-12-31 08:00" data-testid="incident-starts" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="endsAt"
              label={t('incidents.field.endsAt')}
              extra={t('incidents.form.endsHelp')}
              rules={time}
            >
              <Input placeholder="2026-12-31 18:00" data-testid="incident-ends" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notice" label={t('incidents.field.notice')} extra={t('incidents.form.noticeHelp')}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="incident-notice" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
