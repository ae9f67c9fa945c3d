import {
  App,
  Button,
  Card,
  Cascader,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  type UploadFile,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { get, post } from '../../shared/api.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { categoryOptions, useCatalog, useLabels } from './catalog.tsx';
import { attachmentRefs, CaseFilesField, type UploadedFile } from './file-upload.tsx';
import { IncidentHint } from './incident-hint.tsx';
import {
  CASE_TYPES,
  type CaseView,
  CHANNELS,
  fmtTime,
  placeName,
  type TimeLimit,
  URGENCIES,
  type Urgency,
} from './model.ts';

interface Preview {
  timeLimit: TimeLimit;
  signDeadline: number;
  finishDeadline: number;
}

interface FormValues {
  channel: string;
  type: string;
  category: string[];
  urgency: Urgency;
  callerName?: string;
  phone?: string;
  confidential: boolean;
  districtCode?: string;
  streetCode?: string;
  community?: string;
  addressText?: string;
  description: string;
  expectation?: string;
  files?: UploadFile<UploadedFile>[];
  /** The open incident the hint offered and the agent ticked. */
  incidentId?: string | null;
  /** Link the call the screen pop was opened for (`?callId=`). */
  linkCall?: boolean;
}

const PHONE = /^\+?[0-9-]{3,20}$/;
/** The caller from the screen pop's link (`?phone=&name=&address=&callId=`); anything malformed is left out. */
function prefillFrom(params: URLSearchParams) {
  const text = (k: string, max: number) => params.get(k)?.trim().slice(0, max) || undefined;
  const phone = text('phone', 20);
  const callId = text('callId', 200);
  return {
    values: {
      callerName: text('name', 100),
      phone: phone && PHONE.test(phone) ? phone : undefined,
      addressText: text('address', 500),
      linkCall: !!callId,
    },
    callId,
  };
}

/**
 * 工单登记: the agent's intake form with the time limit the category and urgency give, the open
 * incidents its area and category match, and — opened from the screen pop — the caller prefilled
 * and the call linked as the case is registered.
 */
export function RegisterPage() {
  const { t, en, duration } = useLabels();
  const { message } = App.useApp();
  const catalog = useCatalog();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const category = Form.useWatch('category', form);
  const urgency = Form.useWatch('urgency', form);
  const district = Form.useWatch('districtCode', form);
  const street = Form.useWatch('streetCode', form);
  const [params] = useSearchParams();
  const [prefill] = useState(() => prefillFrom(params));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const leaf = category?.at(-1);
  useEffect(() => {
    if (!leaf) return setPreview(null);
    void get<Preview>(`/api/v1/case-catalog/deadline?categoryCode=${leaf}&urgency=${urgency ?? 'normal'}`).then(
      setPreview,
      () => setPreview(null),
    );
  }, [leaf, urgency]);
  const depts = catalog?.departments ?? [];
  const districts = depts.filter((d) => d.kind === 'district' && d.regionCode);
  const districtId = districts.find((d) => d.regionCode === district)?.id;
  const streets = depts.filter((d) => d.kind === 'street' && d.regionCode && d.parentId === districtId);

  const submit = async (v: FormValues) => {
    setBusy(true);
    try {
      const r = await post<{ case: CaseView }>('/api/v1/cases', {
        channel: v.channel,
        type: v.type,
        categoryCode: v.category.at(-1),
        urgency: v.urgency,
        caller: { name: v.callerName || null, phone: v.phone || null, confidential: v.confidential },
        address: {
          text: v.addressText ?? '',
          districtCode: v.districtCode ?? null,
          streetCode: v.streetCode ?? null,
          community: v.community || null,
        },
        description: v.description,
        expectation: v.expectation || null,
        attachments: attachmentRefs(v.files),
        links: prefill.callId && v.linkCall ? [{ kind: 'call', ref: prefill.callId }] : [],
        incidentId: v.incidentId ?? null,
      });
      message.success(t('cases.register.done', { number: r.case.number }));
      navigate(`/cases/${r.case.id}`);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('cases.register.title')} />
      <Form
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{
          channel: 'phone',
          type: 'complaint',
          urgency: 'normal',
          confidential: false,
          incidentId: null,
          ...prefill.values,
        }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={16}>
          <Col span={16}>
            <Card size="small" title={t('cases.register.caller')} style={{ marginBottom: 12 }}>
              <Row gutter={12}>
                <Col span={6}>
                  <Form.Item name="channel" label={t('cases.field.channel')}>
                    <Select options={CHANNELS.map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name="callerName" label={t('cases.field.callerName')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item
                    name="phone"
                    label={t('cases.field.phone')}
                    rules={[{ pattern: /^\+?[0-9-]{3,20}$/, message: t('cases.register.badPhone') }]}
                  >
                    <Input maxLength={20} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item
                    name="confidential"
                    label={t('cases.field.confidential')}
                    valuePropName="checked"
                    tooltip={t('cases.register.confidentialHelp')}
                  >
                    <Switch data-testid="confidential" />
                  </Form.Item>
                </Col>
              </Row>
              {prefill.callId && (
                <Form.Item name="linkCall" valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox data-testid="link-call">
                    {t('cases.register.linkCall', {
                      number: prefill.values.phone ?? t('cases.register.linkCallUnknown'),
                    })}
                  </Checkbox>
                </Form.Item>
              )}
            </Card>
            <Card size="small" title={t('cases.register.what')} style={{ marginBottom: 12 }}>
              <Form.Item name="type" label={t('cases.field.type')}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={CASE_TYPES.map((c) => ({ value: c, label: t(`cases.type.${c}`) }))}
                />
              </Form.Item>
              <Row gutter={12}>
                <Col span={14}>
                  <Form.Item name="category" label={t('cases.field.category')} rules={[{ required: true }]}>
                    <Cascader
                      options={categoryOptions(catalog?.categories.filter((c) => c.active) ?? [], en)}
                      showSearch
                      placeholder={t('cases.register.categoryHint')}
                      data-testid="category"
                    />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="urgency" label={t('cases.field.urgency')}>
                    <Radio.Group
                      optionType="button"
                      options={URGENCIES.map((u) => ({ value: u, label: t(`cases.urgency.${u}`) }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="description"
                label={t('cases.field.description')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input.TextArea rows={4} maxLength={4000} showCount />
              </Form.Item>
              <Form.Item name="expectation" label={t('cases.field.expectation')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
              <CaseFilesField />
            </Card>
            <Card size="small" title={t('cases.register.where')} style={{ marginBottom: 12 }}>
              <Row gutter={12}>
                <Col span={6}>
                  <Form.Item name="districtCode" label={t('cases.field.district')}>
                    <Select
                      allowClear
                      options={districts.map((d) => ({ value: d.regionCode, label: placeName(d.name) }))}
                      onChange={() => form.setFieldValue('streetCode', undefined)}
                    />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name="streetCode" label={t('cases.field.street')}>
                    <Select
                      allowClear
                      options={streets.map((d) => ({ value: d.regionCode, label: placeName(d.name) }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name="community" label={t('cases.field.community')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name="addressText" label={t('cases.field.address')}>
                    <Input maxLength={500} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Form.Item name="incidentId" noStyle>
              <IncidentHint categoryCode={leaf} districtCode={district} streetCode={street} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Card size="small" title={t('cases.register.timeLimit')} data-testid="time-limit">
              {preview ? (
                <Descriptions column={1} size="small" bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
                  <Descriptions.Item label={t('cases.clock.sign')}>
                    {duration(preview.timeLimit.sign)}
                    <div style={{ color: '#888' }}>
                      {t('cases.register.dueBy', { at: fmtTime(preview.signDeadline) })}
                    </div>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('cases.clock.finish')}>
                    {duration(preview.timeLimit.finish)}
                    <div style={{ color: '#888' }}>
                      {t('cases.register.dueBy', { at: fmtTime(preview.finishDeadline) })}
                    </div>
                  </Descriptions.Item>
                </Descriptions>
              ) : (
                <span style={{ color: '#888' }}>{t('cases.register.pickCategory')}</span>
              )}
              <div style={{ color: '#888', marginTop: 8, fontSize: 12 }}>{t('cases.register.limitNote')}</div>
            </Card>
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">
                {t('cases.register.submit')}
              </Button>
              <Button onClick={() => form.resetFields()}>{t('cases.register.reset')}</Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </>
  );
}
