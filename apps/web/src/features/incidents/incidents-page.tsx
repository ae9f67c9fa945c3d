import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Segmented, Space, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { get } from '../../shared/api.ts';
import { useAuth } from '../../shared/auth.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { IncidentForm } from './incident-form.tsx';
import { KindTag, StatusTag } from './incident-tags.tsx';
import { areaName, EDITORS, fmtTime, type IncidentSummary, useCatalog } from './model.ts';

type StatusFilter = 'open' | 'resolved' | 'all';
const PAGE = 20;

/** 事件: the incidents that group cases, open first, with how many cases each groups. */
export function IncidentsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const catalog = useCatalog();
  const navigate = useNavigate();
  const editor = user?.roles.some((r) => EDITORS.includes(r)) ?? false;
  const [status, setStatus] = useState<StatusFilter>('open');
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; items: IncidentSummary[]; kinds: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    const q = new URLSearchParams({ limit: String(PAGE), offset: String((page - 1) * PAGE) });
    if (status !== 'all') q.set('status', status);
    if (text.trim()) q.set('text', text.trim());
    try {
      setData(await get(`/api/v1/case-incidents?${q}`));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [status, text, page]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        extra={
          editor && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              disabled={!data}
              data-testid="incident-new"
            >
              {t('incidents.new')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<StatusFilter>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'open', label: t('incidents.status.open') },
            { value: 'resolved', label: t('incidents.status.resolved') },
            { value: 'all', label: t('incidents.filter.all') },
          ]}
          data-testid="incident-status-filter"
        />
        <Input.Search
          allowClear
          placeholder={t('incidents.filter.text')}
          style={{ width: 280 }}
          onSearch={(v) => {
            setText(v);
            setPage(1);
          }}
          data-testid="incident-search"
        />
      </Space>
      {error && <div style={{ color: '#cf1322', marginBottom: 8 }}>{t('common.error', { message: error })}</div>}
      <Table<IncidentSummary>
        rowKey="id"
        size="small"
        loading={!data && !error}
        dataSource={data?.items ?? []}
        data-testid="incident-table"
        locale={{ emptyText: <Empty description={t('incidents.none')} /> }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('incidents.total', { n }),
        }}
        onRow={(r) => ({ onDoubleClick: () => navigate(`/incidents/${r.id}`) })}
        columns={[
          {
            title: t('incidents.field.title'),
            dataIndex: 'title',
            render: (_v, r) => <Link to={`/incidents/${r.id}`}>{r.title}</Link>,
          },
          {
            title: t('incidents.field.kind'),
            dataIndex: 'kind',
            width: 120,
            render: (k: string) => <KindTag kind={k} />,
          },
          {
            title: t('incidents.field.area'),
            width: 180,
            render: (_v, r) => areaName(catalog, r) || t('incidents.cityWide'),
          },
          {
            title: t('incidents.field.period'),
            width: 260,
            render: (_v, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {fmtTime(r.startsAt)} – {r.endsAt ? fmtTime(r.endsAt) : t('incidents.ongoing')}
              </span>
            ),
          },
          {
            title: t('incidents.field.cases'),
            width: 120,
            render: (_v, r) => (
              <span data-testid="incident-count">
                {r.caseCount}
                {r.openCaseCount > 0 && (
                  <Tag color="orange" style={{ marginInlineStart: 6 }}>
                    {t('incidents.openCases', { n: r.openCaseCount })}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: t('incidents.field.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: IncidentSummary['status']) => <StatusTag status={s} />,
          },
        ]}
      />
      {data && (
        <IncidentForm
          open={creating}
          incident={null}
          kinds={data.kinds}
          catalog={catalog}
          onClose={() => setCreating(false)}
          onSaved={(i) => {
            setCreating(false);
            navigate(`/incidents/${i.id}`);
          }}
        />
      )}
    </>
  );
}
