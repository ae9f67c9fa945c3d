import { Button, Input, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';

interface Row {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

export function AuditPage() {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>([]);
  const [action, setAction] = useState('');
  const [more, setMore] = useState(false);
  const load = useCallback(
    async (beforeId?: string) => {
      const q = new URLSearchParams({ limit: '50' });
      if (action) q.set('action', action);
      if (beforeId) q.set('beforeId', beforeId);
      const r = await get<{ rows: Row[] }>(`/api/v1/audit?${q}`);
      setRows((prev) => (beforeId ? [...prev, ...r.rows] : r.rows));
      setMore(r.rows.length === 50);
    },
    [action],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Space>
            <Input.Search placeholder={t('audit.action')} allowClear onSearch={setAction} style={{ width: 240 }} />
          </Space>
        }
      />
      <Table
        rowKey="id"
        dataSource={rows}
        pagination={false}
        size="small"
        expandable={{
          rowExpandable: (r) => !!(r.before || r.after || r.details),
          expandedRowRender: (r) => (
            <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
              {JSON.stringify({ before: r.before, after: r.after, details: r.details }, null, 2)}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
          { title: t('audit.actor'), dataIndex: 'actorName' },
          { title: t('audit.action'), dataIndex: 'action' },
          {
            title: t('audit.target'),
            render: (_: unknown, r: Row) => [r.targetType, r.targetId].filter(Boolean).join(' '),
          },
          { title: t('audit.ip'), dataIndex: 'ip' },
        ]}
      />
      {more && (
        <Button style={{ marginTop: 12 }} onClick={() => void load(rows[rows.length - 1]?.id)}>
          {t('audit.more')}
        </Button>
      )}
    </>
  );
}
