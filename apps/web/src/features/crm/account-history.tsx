import { Modal, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { formatTime, useErrorText } from './common.tsx';
import type { Account, AccountChange, AccountSchema, AccountValue } from './types.ts';

export function showValue(v: AccountValue | undefined, t: (k: string) => string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  return String(v);
}

/** 户号变更记录: every saved change, newest first, with the fields that changed. */
export function AccountHistory({
  account,
  schema,
  onClose,
}: {
  account: Account | null;
  schema: AccountSchema | undefined;
  onClose(): void;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [rows, setRows] = useState<AccountChange[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!account) return;
    setRows([]);
    get<{ history: AccountChange[] }>(`/api/v1/crm/accounts/${account.id}/history`)
      .then((r) => setRows(r.history))
      .catch((e: unknown) => setError(errorText(e)));
  }, [account, errorText]);
  const label = (key: string) => schema?.fields.find((f) => f.key === key)?.label ?? key;
  const changes = (r: AccountChange) => {
    const keys = [...new Set([...Object.keys(r.before ?? {}), ...Object.keys(r.after ?? {})])];
    const changed = keys.filter((k) => JSON.stringify(r.before?.[k] ?? null) !== JSON.stringify(r.after?.[k] ?? null));
    if (!r.before) return <Typography.Text type="secondary">{t('crm.account.opened')}</Typography.Text>;
    if (changed.length === 0) return <Typography.Text type="secondary">{t('crm.account.noChange')}</Typography.Text>;
    return changed.map((k) => (
      <div key={k}>
        {label(k)}：{showValue(r.before?.[k], t)} → {showValue(r.after?.[k], t)}
      </div>
    ));
  };
  return (
    <Modal
      open={!!account}
      title={t('crm.account.history', { number: account?.accountNumber ?? '' })}
      onCancel={onClose}
      footer={null}
      width={760}
      destroyOnHidden
    >
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Table
        rowKey={(r) => `${r.at}-${JSON.stringify(r.after)}`}
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="account-history"
        columns={[
          { title: t('crm.time'), dataIndex: 'at', width: 140, render: formatTime },
          {
            title: t('crm.account.editor'),
            dataIndex: 'actorName',
            width: 110,
            render: (n: string | null) => n ?? t('crm.system'),
          },
          { title: t('crm.account.changes'), render: (_: unknown, r: AccountChange) => changes(r) },
          {
            title: t('crm.account.reason'),
            dataIndex: 'reason',
            width: 140,
            // the importer records its own reason code
            render: (x: string | null) => (x === 'import' ? t('crm.account.byImport') : (x ?? '')),
          },
        ]}
      />
    </Modal>
  );
}
