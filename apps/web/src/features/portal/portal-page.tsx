import { GlobalOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Cascader,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Layout,
  Radio,
  Result,
  Row,
  Select,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';

const TYPES = ['complaint', 'consultation', 'repair', 'report', 'suggestion', 'help', 'praise'] as const;

interface PublicCatalog {
  categories: { code: string; parentCode: string | null; name: string; nameEn: string | null }[];
  regions: { code: string; name: string; kind: string; parentCode: string | null }[];
}
interface Follow {
  number: string;
  status: string;
  createdAt: string;
  timeline: { at: string; kind: string; step: string; text: string | null }[];
}
interface Option {
  value: string;
  label: string;
  children?: Option[];
}

/** A district government's name as a place name: 东城区人民政府 → 东城区. */
const place = (name: string) => name.replace(/人民政府$/, '');

const fmt = (iso: string) => {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
};

function options(cats: PublicCatalog['categories'], en: boolean, parent: string | null = null): Option[] {
  return cats
    .filter((c) => c.parentCode === parent)
    .map((c) => {
      const children = options(cats, en, c.code);
      return { value: c.code, label: en && c.nameEn ? c.nameEn : c.name, ...(children.length ? { children } : {}) };
    });
}

function SubmitForm({
  catalog,
  onFollow,
}: {
  catalog: PublicCatalog | null;
  onFollow: (n: string, p: string) => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const district = Form.useWatch('districtCode', form);
  const [done, setDone] = useState<{ number: string; phone: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const regions = catalog?.regions ?? [];
  if (done) {
    return (
      <Result
        status="success"
        title={t('portal.submitted')}
        subTitle={
          <>
            <div data-testid="portal-number" style={{ fontSize: 18, color: '#1f4e96', margin: '8px 0' }}>
              {t('portal.submittedNumber', { number: done.number })}
            </div>
            {t('portal.submittedHelp')}
          </>
        }
        extra={[
          <Button type="primary" key="f" onClick={() => onFollow(done.number, done.phone)}>
            {t('portal.followThis')}
          </Button>,
          <Button
            key="a"
            onClick={() => {
              form.resetFields();
              setDone(null);
            }}
          >
            {t('portal.another')}
          </Button>,
        ]}
      />
    );
  }
  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const phone = String(v.phone);
      const r = await post<{ number: string }>('/api/v1/public/cases', {
        type: v.type,
        categoryCode: (v.category as string[]).at(-1),
        caller: { name: v.name || null, phone, confidential: v.confidential === true },
        address: {
          text: (v.address as string | undefined) ?? '',
          districtCode: v.districtCode ?? null,
          streetCode: v.streetCode ?? null,
        },
        description: v.description,
        expectation: v.expectation || null,
      });
      setDone({ number: r.number, phone });
    } catch (e) {
      setError(t('portal.error', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, whitespace: true, message: t('portal.required') }];
  return (
    <Form form={form} layout="vertical" initialValues={{ type: 'complaint' }} onFinish={(v) => void submit(v)}>
      <Form.Item name="type" label={t('portal.type')}>
        <Radio.Group optionType="button" options={TYPES.map((x) => ({ value: x, label: t(`portal.type.${x}`) }))} />
      </Form.Item>
      <Form.Item
        name="category"
        label={t('portal.category')}
        rules={[{ required: true, message: t('portal.required') }]}
      >
        <Cascader
          options={options(catalog?.categories ?? [], locale === 'en')}
          placeholder={t('portal.categoryHint')}
          data-testid="portal-category"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="name" label={t('portal.name')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="phone"
            label={t('portal.phone')}
            extra={t('portal.phoneHelp')}
            rules={[...required, { pattern: /^\+?[0-9-]{3,20}$/, message: t('portal.badPhone') }]}
          >
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="confidential" valuePropName="checked" label=" ">
            <Checkbox>{t('portal.confidential')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="districtCode" label={t('portal.district')}>
            <Select
              allowClear
              options={regions
                .filter((r) => r.kind === 'district')
                .map((r) => ({ value: r.code, label: place(r.name) }))}
              onChange={() => form.setFieldValue('streetCode', undefined)}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="streetCode" label={t('portal.street')}>
            <Select
              allowClear
              options={regions
                .filter((r) => r.kind === 'street' && r.parentCode === district)
                .map((r) => ({ value: r.code, label: place(r.name) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="address" label={t('portal.address')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('portal.description')} rules={required}>
        <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('portal.descriptionHint')} />
      </Form.Item>
      <Form.Item name="expectation" label={t('portal.expectation')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} size="large" data-testid="portal-submit">
          {t('portal.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}

function FollowForm({ initial }: { initial: { number: string; phone: string } | null }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [result, setResult] = useState<Follow | null>(null);
  const [notFound, setNotFound] = useState(false);
  const search = useCallback(async (v: { number: string; phone: string }) => {
    setNotFound(false);
    try {
      const q = new URLSearchParams({ number: v.number.trim(), phone: v.phone.trim() });
      setResult(await get<Follow>(`/api/v1/public/cases/follow?${q}`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        setResult(null);
        setNotFound(true);
      } else throw e;
    }
  }, []);
  useEffect(() => {
    if (!initial) return;
    form.setFieldsValue(initial);
    void search(initial);
  }, [initial, form, search]);
  const status = result
    ? result.status === 'closed'
      ? 'closed'
      : result.status === 'registered'
        ? 'received'
        : 'open'
    : null;
  return (
    <>
      <Form form={form} layout="inline" onFinish={(v) => void search(v)} style={{ marginBottom: 16 }}>
        <Form.Item name="number" label={t('portal.number')} rules={[{ required: true, message: t('portal.required') }]}>
          <Input placeholder={t('portal.numberHint')} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="phone" label={t('portal.phone')} rules={[{ required: true, message: t('portal.required') }]}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="follow-submit">
          {t('portal.followSubmit')}
        </Button>
      </Form>
      {notFound && <Typography.Text type="danger">{t('portal.notFound')}</Typography.Text>}
      {result && (
        <Card size="small" data-testid="follow-result">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('portal.number')}>{result.number}</Descriptions.Item>
            <Descriptions.Item label={t('portal.createdAt')}>{fmt(result.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('portal.progress')}>
              <Tag color={status === 'closed' ? 'green' : 'blue'}>{t(`portal.status.${status}`)}</Tag>
            </Descriptions.Item>
          </Descriptions>
          <Timeline
            style={{ marginTop: 16 }}
            items={result.timeline.map((s) => ({
              color: s.kind === 'closed' ? 'green' : 'blue',
              content: (
                <>
                  <Typography.Text strong>{t(`portal.step.${s.kind}`)}</Typography.Text>
                  <span style={{ color: '#888', marginInlineStart: 8 }}>{fmt(s.at)}</span>
                  {s.text && <div>{s.text}</div>}
                </>
              ),
            }))}
          />
        </Card>
      )}
    </>
  );
}

/** The public citizen portal (no login): submit a request, follow it by number plus phone. */
export function PortalPage() {
  const { t, locale, setLocale } = useI18n();
  const [catalog, setCatalog] = useState<PublicCatalog | null>(null);
  const [tab, setTab] = useState('submit');
  const [follow, setFollow] = useState<{ number: string; phone: string } | null>(null);
  useEffect(() => {
    void get<PublicCatalog>('/api/v1/public/case-catalog').then(setCatalog);
  }, []);
  return (
    <Layout style={{ minHeight: '100vh', background: '#f3f6fb' }}>
      <Layout.Header
        style={{ background: '#1f4e96', display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}
      >
        <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>{t('portal.title')}</Typography.Text>
        <span>
          <Button
            type="text"
            icon={<GlobalOutlined />}
            style={{ color: '#fff' }}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
            data-testid="portal-lang"
          >
            {locale === 'zh-CN' ? 'English' : '中文'}
          </Button>
          <Button type="link" href="/" style={{ color: '#dbe6f7' }}>
            {t('portal.staff')}
          </Button>
        </span>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 960, width: '100%', margin: '24px auto', padding: '0 16px' }}>
        <Typography.Paragraph type="secondary">{t('portal.subtitle')}</Typography.Paragraph>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'submit',
                label: t('portal.tab.submit'),
                children: (
                  <SubmitForm
                    catalog={catalog}
                    onFollow={(number, phone) => {
                      setFollow({ number, phone });
                      setTab('follow');
                    }}
                  />
                ),
              },
              { key: 'follow', label: t('portal.tab.follow'), children: <FollowForm initial={follow} /> },
            ]}
          />
        </Card>
      </Layout.Content>
    </Layout>
  );
}
