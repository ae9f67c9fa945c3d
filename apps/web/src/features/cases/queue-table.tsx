import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { Countdown, UrgencyTag, useCatalog, useLabels, useNow } from './catalog.tsx';
import { fmtTime, type QueueItem } from './model.ts';

/** One work list: number, urgency, category, departments, clocks with countdowns; overdue rows tinted. */
export function QueueTable({
  items,
  loading,
  page,
  hasMore,
  onPage,
  showParty,
}: {
  items: QueueItem[];
  loading: boolean;
  page: number;
  hasMore: boolean;
  onPage: (page: number) => void;
  /** Department lists: the party's role and status instead of the case's departments. */
  showParty?: boolean;
}) {
  const { t, categoryPath } = useLabels();
  const catalog = useCatalog();
  const now = useNow();
  const overdue = (i: QueueItem) => i.finishDeadline !== null && i.finishDeadline < now;
  return (
    <>
      <Table<QueueItem>
        rowKey={(i) => `${i.caseId}:${i.partyId ?? ''}`}
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        tableLayout="fixed"
        rowClassName={(i) => (overdue(i) ? 'case-row-overdue' : '')}
        onRow={(i) => ({ style: overdue(i) ? { background: '#fff1f0' } : undefined })}
        locale={{ emptyText: t('cases.queue.empty') }}
        columns={[
          {
            title: t('cases.field.number'),
            dataIndex: 'number',
            width: 188,
            render: (n: string, i) => (
              <>
                <Link to={`/cases/${i.caseId}`} data-testid="case-link" style={{ whiteSpace: 'nowrap' }}>
                  {n}
                </Link>
                <div style={{ color: '#999', fontSize: 12 }}>{fmtTime(i.createdAt)}</div>
              </>
            ),
          },
          {
            title: t('cases.field.urgencyShort'),
            dataIndex: 'urgency',
            width: 76,
            render: (_: string, i) => <UrgencyTag urgency={i.urgency} />,
          },
          {
            title: t('cases.field.category'),
            dataIndex: 'categoryCode',
            width: 160,
            ellipsis: { showTitle: false },
            render: (c: string) => <Tooltip title={categoryPath(catalog, c)}>{categoryPath(catalog, c)}</Tooltip>,
          },
          {
            title: t('cases.field.description'),
            dataIndex: 'description',
            ellipsis: true,
            render: (d: string) => <Typography.Text>{d}</Typography.Text>,
          },
          showParty
            ? {
                title: t('cases.party.mine'),
                key: 'party',
                width: 130,
                render: (_: unknown, i: QueueItem) => (
                  <Space size={4}>
                    {i.role && <Tag color={i.role === 'lead' ? 'blue' : 'cyan'}>{t(`cases.role.${i.role}`)}</Tag>}
                    {i.partyStatus && <span>{t(`cases.partyStatus.${i.partyStatus}`)}</span>}
                  </Space>
                ),
              }
            : {
                title: t('cases.field.departments'),
                key: 'departments',
                width: 190,
                render: (_: unknown, i: QueueItem) =>
                  i.departments?.length
                    ? i.departments
                        .filter((d) => d.status !== 'withdrawn')
                        .sort((a, b) => Number(a.role !== 'lead') - Number(b.role !== 'lead'))
                        .map((d) => (
                          <Tag key={d.name + d.role} color={d.role === 'lead' ? 'blue' : 'cyan'}>
                            {t(`cases.role.${d.role}`)}·{d.name}
                          </Tag>
                        ))
                    : '—',
              },
          {
            title: t('cases.field.status'),
            dataIndex: 'caseStatus',
            width: 96,
            render: (s: string) => t(`cases.status.${s}`),
          },
          {
            title: t('cases.clock.sign'),
            dataIndex: 'signDeadline',
            width: 104,
            render: (d: number | null, i) =>
              i.partyStatus && i.partyStatus !== 'to_sign' ? '—' : <Countdown deadline={d} now={now} />,
          },
          {
            title: t('cases.clock.finish'),
            dataIndex: 'finishDeadline',
            width: 104,
            render: (d: number | null, i) => <Countdown deadline={d} start={i.createdAt} now={now} />,
          },
        ]}
      />
      <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
        <Button size="small" disabled={page === 0} onClick={() => onPage(page - 1)}>
          {t('cases.queue.prev')}
        </Button>
        <span>{t('cases.queue.page', { n: page + 1 })}</span>
        <Button size="small" disabled={!hasMore} onClick={() => onPage(page + 1)}>
          {t('cases.queue.next')}
        </Button>
      </Space>
    </>
  );
}
