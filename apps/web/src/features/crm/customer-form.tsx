import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { api, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { useErrorText, validValues } from './common.tsx';
import type { Customer } from './types.ts';

interface FormValues {
  kind: 'person' | 'organization';
  name: string;
  idNumber?: string;
  address?: string;
  email?: string;
  notes?: string;
  phones: Array<{ number: string; label?: string }>;
}

/** Create (customer = null) or edit a customer; calls `onSaved` with the stored customer. */
export function CustomerForm({
  open,
  customer,
  initialPhone,
  onClose,
  onSaved,
}: {
  open: boolean;
  customer: Customer | null;
  /** For a new customer from the screen pop: the caller's number. */
  initialPhone?: string;
  onClose(): void;
  onSaved(c: Customer): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    const body = {
      kind: v.kind,
      name: v.name,
      idNumber: v.idNumber?.trim() || null,
      address: v.address?.trim() || null,
      email: v.email?.trim() || null,
      notes: v.notes?.trim() || null,
      phones: (v.phones ?? [])
        .filter((p) => p?.number?.trim())
        .map((p) => ({ number: p.number.trim(), label: p.label?.trim() || null })),
    };
    setSaving(true);
    try {
      const r = customer
        ? await api<{ customer: Customer }>('PUT', `/api/v1/crm/customers/${customer.id}`, body)
        : await post<{ customer: Customer }>('/api/v1/crm/customers', body);
      message.success(t('common.saved'));
      onSaved(r.customer);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={customer ? t('crm.customer.edit') : t('crm.customer.create')}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        data-testid="customer-form"
        initialValues={
          customer
            ? {
                kind: customer.kind,
                name: customer.name,
                idNumber: customer.idNumber ?? '',
                address: customer.address ?? '',
                email: customer.email ?? '',
                notes: customer.notes ?? '',
                phones: customer.phones.map((p) => ({ number: p.raw, label: p.label ?? '' })),
              }
            : { kind: 'person', phones: [{ number: initialPhone ?? '' }] }
        }
      >
        <Form.Item name="kind" label={t('crm.customer.kind')}>
          <Radio.Group
            options={[
              { value: 'person', label: t('crm.kind.person') },
              { value: 'organization', label: t('crm.kind.organization') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('crm.customer.name')} rules={[{ required: true, message: t('crm.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: FormValues, b: FormValues) => a.kind !== b.kind}>
          {({ getFieldValue }) => (
            <Form.Item
              name="idNumber"
              label={
                getFieldValue('kind') === 'organization' ? t('crm.customer.creditCode') : t('crm.customer.idNumber')
              }
            >
              <Input maxLength={32} />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item label={t('crm.customer.phones')} required>
          <Form.List name="phones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item name={[f.name, 'number']} noStyle>
                      <Input
                        placeholder={t('crm.customer.phoneNumber')}
                        style={{ width: 240 }}
                        data-testid="phone-input"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} noStyle>
                      <Input placeholder={t('crm.customer.phoneLabel')} style={{ width: 160 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('crm.customer.removePhone')} />
                  </Space>
                ))}
                <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ number: '' })}>
                  {t('crm.customer.addPhone')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="address" label={t('crm.customer.address')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="email" label={t('crm.customer.email')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="notes" label={t('crm.customer.notes')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
