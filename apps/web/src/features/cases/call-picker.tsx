import type { CaseCallCandidate, CaseCallCandidatesResponse } from '@hotline/contracts';
import { Button, DatePicker, Input, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useLabels } from './catalog.tsx';
import { fmtTime } from './model.ts';

const PAGE = 10;

/**
 * 关联通话: the calls a case may be linked to — at first those of the caller's number, newest
 * first; the agent can search another number and a date range. A form control: the value is the
 * chosen call's leg id (what the case's `link` command stores; the links card resolves it).
 */
export function CallPicker({
  caseId,
  value,
  onChange,
}: {
  caseId: string;
  value?: string;
  onChange?: (legId: string | undefined) => void;
}) {
  const { t } = useLabels();
  const [number, setNumber] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CaseCallCandidatesResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const q = new URLSearchParams(query);
      q.set('limit', String(PAGE));
      q.set('offset', String((page - 1) * PAGE));
      setData(await get<CaseCallCandidatesResponse>(`/api/v1/cases/${caseId}/call-candidates?${q}`));
    } catch (e) {
      setError((e as Error).message);
      setData(null);
    } finally {
      setLoading(false);
    }
  }, [caseId, query, page]);
  useEffect(() => {
    void load();
  }, [load]);
  const search = () => {
    const q = new URLSearchParams();
    if (number.trim()) q.set('number', number.trim());
    if (range?.[0]) q.set('from', range[0].format('YYYY-MM-DD'));
    if (range?.[1]) q.set('to', range[1].format('YYYY-MM-DD'));
    setPage(1);
    setQuery(q.toString());
    onChange?.(undefined);
  };
  return (
    <div data-testid="call-picker">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input
          allowClear
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          onPressEnter={search}
          placeholder={data?.number ?? t('cases.linkCall.number')}
          style={{ width: 180 }}
          data-testid="call-picker-number"
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} />
        <Button onClick={search} data-testid="call-picker-search">
          {t('cases.linkCall.search')}
        </Button>
      </Space>
      {data?.number && !query && (
        <div style={{ color: '#888', marginBottom: 8 }}>{t('cases.linkCall.ofCaller', { number: data.number })}</div>
      )}
      {error && <div style={{ color: '#cf1322', marginBottom: 8 }}>{t('common.error', { message: error })}</div>}
      <Table<CaseCallCandidate>
        rowKey="legId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('cases.linkCall.none') }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: value ? [value] : [],
          onChange: (keys) => onChange?.(keys[0] as string | undefined),
          getCheckboxProps: (r) => ({ disabled: r.linked }),
        }}
        onRow={(r) => ({ onClick: () => !r.linked && onChange?.(r.legId) })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          size: 'small',
        }}
        columns={[
          { title: t('cases.links.time'), dataIndex: 'startedAt', render: (s: string) => fmtTime(Date.parse(s)) },
          { title: t('cases.links.caller'), dataIndex: 'caller' },
          { title: t('cases.links.callee'), dataIndex: 'callee' },
          {
            title: t('cases.links.duration'),
            dataIndex: 'talkSeconds',
            render: (s: number, r) =>
              r.answeredAt ? t('cases.links.seconds', { s }) : <Tag>{t('cases.linkCall.unanswered')}</Tag>,
          },
          { title: t('cases.linkCall.agent'), dataIndex: 'agentName', render: (n: string | null) => n ?? '—' },
          {
            title: '',
            key: 'linked',
            render: (_: unknown, r) => (r.linked ? <Tag color="green">{t('cases.linkCall.linked')}</Tag> : null),
          },
        ]}
      />
    </div>
  );
}
