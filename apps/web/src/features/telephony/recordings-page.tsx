import { DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { RecordingView } from '@hotline/contracts';
import { Button, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatBytes, formatTime, useDuration, useFailure } from './common.tsx';
import { downloadRecording, RecordingPlayer } from './recording-player.tsx';
import { CommonFilters, fieldParams, rangeParams } from './search-filters.tsx';

const PAGE = 20;

/** 录音: search by dates, number, extension and duration; play in the browser or download (both audited). */
export function RecordingsPage() {
  const { t } = useI18n();
  const duration = useDuration();
  const fail = useFailure();
  const [form] = Form.useForm();
  const [params] = useSearchParams();
  const [rows, setRows] = useState<RecordingView[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [playing, setPlaying] = useState<RecordingView | null>(null);
  const [query, setQuery] = useState('');

  const load = useCallback(
    async (q: string, p: number) => {
      setLoading(true);
      try {
        const r = await get<{ items: RecordingView[]; total: number }>(
          `/api/v1/telephony/recordings?${q}${q ? '&' : ''}limit=${PAGE}&offset=${(p - 1) * PAGE}`,
        );
        setRows(r.items);
        setTotal(r.total);
      } catch (e) {
        fail(e);
      } finally {
        setLoading(false);
      }
    },
    [fail],
  );

  // A link from the call records opens one recording in the player.
  const linked = params.get('id');
  useEffect(() => {
    if (!linked) return;
    get<{ recording: RecordingView }>(`/api/v1/telephony/recordings/${encodeURIComponent(linked)}`).then(
      (r) => setPlaying(r.recording),
      fail,
    );
  }, [linked, fail]);

  useEffect(() => {
    void load(query, page);
  }, [load, query, page]);

  const search = (values: Record<string, unknown>) => {
    const q = new URLSearchParams();
    rangeParams(values.dates as never, q);
    fieldParams(values, q);
    setPage(1);
    setQuery(q.toString());
  };

  return (
    <>
      <PageHeader title={t('tel.rec.title')} />
      <Form
        form={form}
        layout="inline"
        onFinish={search}
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="rec-filters"
      >
        <CommonFilters />
        <Form.Item name="minDuration" label={t('tel.rec.minDuration')}>
          <InputNumber min={0} max={86400} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="maxDuration" label={t('tel.rec.maxDuration')}>
          <InputNumber min={0} max={86400} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="rec-search">
              {t('tel.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              {t('tel.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {playing && <RecordingPlayer recording={playing} onClose={() => setPlaying(null)} />}
      <Table<RecordingView>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: t('tel.rec.empty') }}
        rowClassName={(r) => (r.id === playing?.id ? 'ant-table-row-selected' : '')}
        pagination={{
          current: page,
          pageSize: PAGE,
          total,
          onChange: setPage,
          showTotal: (n) => t('tel.total', { n }),
          showSizeChanger: false,
        }}
        columns={[
          { title: t('tel.rec.start'), dataIndex: 'startedAt', width: 170, render: (v: string) => formatTime(v) },
          {
            title: t('tel.cdr.caller'),
            dataIndex: 'caller',
            render: (v: string | null, r) => (
              <Space size={4} wrap>
                <Typography.Text>{v ?? '—'}</Typography.Text>
                {r.callerRegion && <Tag>{r.callerRegion}</Tag>}
              </Space>
            ),
          },
          { title: t('tel.cdr.callee'), dataIndex: 'callee', render: (v: string | null) => v ?? '—' },
          {
            title: t('tel.rec.agents'),
            render: (_: unknown, r) =>
              r.extensions.map((e, i) => (
                <Tag key={e}>
                  {e}
                  {r.agents[i] ? ` ${r.agents[i]}` : ''}
                </Tag>
              )),
          },
          {
            title: t('tel.rec.duration'),
            dataIndex: 'durationMs',
            width: 110,
            render: (v: number) => duration(v / 1000),
          },
          { title: t('tel.rec.size'), dataIndex: 'bytes', width: 90, render: (v: number) => formatBytes(v) },
          {
            title: t('common.actions'),
            width: 190,
            render: (_: unknown, r) => (
              <Space>
                <Button
                  size="small"
                  type={r.id === playing?.id ? 'primary' : 'default'}
                  icon={<PlayCircleOutlined />}
                  onClick={() => setPlaying(r)}
                  data-testid={`play-${r.id}`}
                >
                  {t('tel.rec.play')}
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => void downloadRecording(r.id).catch(fail)}
                  data-testid={`download-${r.id}`}
                >
                  {t('tel.rec.download')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
