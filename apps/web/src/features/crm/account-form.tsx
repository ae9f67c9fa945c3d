import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { useErrorText, validValues } from './common.tsx';
import type { Account, AccountField, AccountSchema, AccountValue } from './types.ts';

/**
 * One input per schema field type. Form.Item injects `id`, `value` and `onChange` into its child;
 * they are passed on to the real input.
 */
function FieldInput({ field, ...control }: { field: AccountField } & Record<string, unknown>) {
  const { t } = useI18n();
  switch (field.type) {
    case 'number':
      // a text box keeps what the user typed (1,234.5); the server parses and validates it
      return <Input inputMode="decimal" {...control} />;
    case 'date':
      // plain text: the browser's own date input shows its placeholder in the OS language
      return <Input placeholder={t('crm.datePlaceholder')} {...control} />;
    case 'boolean':
      return (
        <Select
          allowClear
          {...control}
          options={[
            { value: true, label: t('common.yes') },
            { value: false, label: t('common.no') },
          ]}
        />
      );
    case 'list':
      return <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} {...control} />;
    default:
      return <Input {...control} />;
  }
}

/** Create or change an account (户号) of a customer; the fields come from the account schema. */
export function AccountForm({
  open,
  customerId,
  account,
  schemas,
  onClose,
  onSaved,
}: {
  open: boolean;
  customerId: string;
  account: Account | null;
  schemas: AccountSchema[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const schemaId = Form.useWatch('schemaId', form) as string | undefined;
  const schema = schemas.find((s) => s.id === schemaId);
  const save = async () => {
    const v = (await validValues(form)) as {
      schemaId: string;
      accountNumber: string;
      data?: Record<string, AccountValue | undefined>;
      reason?: string;
    } | null;
    if (!v) return;
    const data: Record<string, AccountValue> = {};
    for (const f of schema?.fields ?? []) {
      const x = v.data?.[f.key];
      data[f.key] = x === undefined || x === '' ? null : x;
    }
    setSaving(true);
    try {
      await api('PUT', `/api/v1/crm/customers/${customerId}/accounts`, {
        schemaId: v.schemaId,
        accountNumber: v.accountNumber,
        data,
        reason: v.reason?.trim() || null,
      });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={account ? t('crm.account.edit', { number: account.accountNumber }) : t('crm.account.create')}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        data-testid="account-form"
        initialValues={{
          schemaId: account?.schemaId ?? schemas[0]?.id,
          accountNumber: account?.accountNumber ?? '',
          data: account?.data ?? {},
        }}
      >
        <Form.Item
          name="schemaId"
          label={t('crm.account.schema')}
          rules={[{ required: true, message: t('crm.required') }]}
        >
          <Select disabled={!!account} options={schemas.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item
          name="accountNumber"
          label={t('crm.account.number')}
          rules={[{ required: true, message: t('crm.required') }]}
        >
          <Input disabled={!!account} maxLength={64} />
        </Form.Item>
        {schema?.fields.map((f) => (
          <Form.Item
            key={f.key}
            name={['data', f.key]}
            label={f.label}
            rules={f.required ? [{ required: true, message: t('crm.required') }] : []}
          >
            <FieldInput field={f} />
          </Form.Item>
        ))}
        <Form.Item name="reason" label={t('crm.account.reason')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
