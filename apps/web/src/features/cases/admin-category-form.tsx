import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, patch, post } from '../../shared/api.ts';
import { type AdminCategory, effectiveLimit } from './admin-category-tree.ts';
import { useLabels } from './catalog.tsx';
import { type Duration, type TimeLimit, URGENCIES, type Urgency } from './model.ts';

const UNITS: Duration['unit'][] = ['hours', 'working_days', 'days'];

/** What the dialog edits: a new child of `parent` (null: a top-level category), or `category`. */
export type CategoryEdit = { mode: 'create'; parent: AdminCategory | null } | { mode: 'edit'; category: AdminCategory };

type LimitFields = { own: boolean; sign: Duration; finish: Duration };
type Fields = {
  code: string;
  name: string;
  nameEn?: string;
  keywords: string[];
  sort: number;
  active: boolean;
  limits: Record<Urgency, LimitFields>;
};

function DurationInput({ value, onChange }: { value?: Duration; onChange?: (d: Duration) => void }) {
  const { t } = useLabels();
  const d = value ?? { unit: 'working_days', amount: 1 };
  return (
    <Space.Compact>
      <InputNumber
        min={0.5}
        max={365}
        step={d.unit === 'hours' ? 0.5 : 1}
        value={d.amount}
        onChange={(n) => onChange?.({ ...d, amount: Number(n ?? 0) })}
        style={{ width: 80 }}
        aria-label={t('cases.cat.amount')}
      />
      <Select
        value={d.unit}
        onChange={(unit) => onChange?.({ ...d, unit })}
        options={UNITS.map((u) => ({ value: u, label: t(`cases.unitName.${u}`) }))}
        style={{ width: 100 }}
        aria-label={t('cases.cat.unit')}
      />
    </Space.Compact>
  );
}

/** The parent code of the category the dialog creates or edits. */
const parentOf = (edit: CategoryEdit) =>
  edit.mode === 'create' ? (edit.parent?.code ?? null) : edit.category.parentCode;

/** The limit a new or limit-less urgency starts from: the parent's effective one, else the default. */
const inheritedLimit = (
  list: AdminCategory[],
  parentCode: string | null,
  u: Urgency,
  defaults: Record<Urgency, TimeLimit>,
): TimeLimit => (parentCode ? effectiveLimit(list, parentCode, u, defaults).limit : defaults[u]);

function initialFields(edit: CategoryEdit, list: AdminCategory[], defaults: Record<Urgency, TimeLimit>): Fields {
  const self = edit.mode === 'edit' ? edit.category : null;
  const parentCode = parentOf(edit);
  const limits = Object.fromEntries(
    URGENCIES.map((u) => {
      const own = self?.timeLimits[u];
      const base = own ?? inheritedLimit(list, parentCode, u, defaults);
      return [u, { own: Boolean(own), sign: base.sign, finish: base.finish }];
    }),
  ) as Record<Urgency, LimitFields>;
  return {
    code: self?.code ?? parentCode ?? '',
    name: self?.name ?? '',
    nameEn: self?.nameEn ?? '',
    keywords: self?.keywords ?? [],
    sort: self?.sort ?? 0,
    active: self?.active ?? true,
    limits,
  };
}

/** Create or edit one category: names, keywords, order, active flag and its own limits per urgency. */
export function CategoryForm({
  edit,
  list,
  defaults,
  onClose,
  onSaved,
}: {
  edit: CategoryEdit | null;
  list: AdminCategory[];
  defaults: Record<Urgency, TimeLimit>;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, en, duration } = useLabels();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const parentCode = edit?.mode === 'create' ? (edit.parent?.code ?? null) : (edit?.category.parentCode ?? null);
  const self = edit?.mode === 'edit' ? edit.category : null;
  const inherited = (u: Urgency) => (parentCode ? effectiveLimit(list, parentCode, u, defaults).limit : defaults[u]);

  useEffect(() => {
    if (!edit) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(initialFields(edit, list, defaults));
  }, [edit, list, defaults, form]);

  const save = async () => {
    const v = await form.validateFields();
    const timeLimits = Object.fromEntries(
      URGENCIES.filter((u) => v.limits[u]?.own).map((u) => [u, { sign: v.limits[u].sign, finish: v.limits[u].finish }]),
    );
    const body = {
      name: v.name,
      nameEn: v.nameEn?.trim() ? v.nameEn.trim() : null,
      keywords: v.keywords ?? [],
      sort: v.sort ?? 0,
      active: v.active,
      timeLimits,
    };
    setSaving(true);
    setError(null);
    try {
      if (self) await patch(`/api/v1/admin/case-categories/${encodeURIComponent(self.code)}`, body);
      else await post('/api/v1/admin/case-categories', { ...body, code: v.code.trim(), parentCode });
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const parent = parentCode ? list.find((c) => c.code === parentCode) : null;
  const title = self
    ? t('cases.cat.editTitle', { code: self.code })
    : parent
      ? t('cases.cat.createChildTitle', { name: en && parent.nameEn ? parent.nameEn : parent.name })
      : t('cases.cat.createTitle');
  return (
    <Modal
      open={edit !== null}
      title={title}
      width={720}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('cases.cat.saveFailed', { message: error })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Space align="start" wrap>
          <Form.Item
            name="code"
            label={t('cases.cat.code')}
            extra={self ? undefined : t('cases.cat.codeHelp')}
            rules={[{ required: true, pattern: /^[0-9A-Za-z]{1,12}$/ }]}
            style={{ width: 300 }}
          >
            <Input disabled={Boolean(self)} maxLength={12} />
          </Form.Item>
          <Form.Item name="sort" label={t('cases.cat.sort')}>
            <InputNumber min={0} max={1_000_000} />
          </Form.Item>
          <Form.Item name="active" label={t('cases.cat.active')} valuePropName="checked">
            <Switch checkedChildren={t('cases.cat.activeOn')} unCheckedChildren={t('cases.cat.activeOff')} />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item
            name="name"
            label={t('cases.cat.name')}
            rules={[{ required: true, max: 64 }]}
            style={{ width: 300 }}
          >
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('cases.cat.nameEn')} rules={[{ max: 128 }]} style={{ width: 340 }}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="keywords" label={t('cases.cat.keywords')} extra={t('cases.cat.keywordsHelp')}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Typography.Text strong>{t('cases.cat.limits')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('cases.cat.limitsHelp')}
        </Typography.Paragraph>
        {URGENCIES.map((u) => (
          <div
            key={u}
            data-testid={`limit-${u}`}
            style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 8 }}
          >
            <span style={{ width: 56 }}>{t(`cases.urgency.${u}`)}</span>
            <Form.Item name={['limits', u, 'own']} valuePropName="checked" noStyle>
              <Checkbox>{t('cases.cat.own')}</Checkbox>
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() =>
                form.getFieldValue(['limits', u, 'own']) ? (
                  <Space wrap>
                    <span>{t('cases.cat.sign')}</span>
                    <Form.Item name={['limits', u, 'sign']} noStyle>
                      <DurationInput />
                    </Form.Item>
                    <span>{t('cases.cat.finish')}</span>
                    <Form.Item name={['limits', u, 'finish']} noStyle>
                      <DurationInput />
                    </Form.Item>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">
                    {t('cases.cat.inherited', {
                      limit: t('cases.cat.limitShort', {
                        sign: duration(inherited(u).sign),
                        finish: duration(inherited(u).finish),
                      }),
                    })}
                  </Typography.Text>
                )
              }
            </Form.Item>
          </div>
        ))}
      </Form>
    </Modal>
  );
}
