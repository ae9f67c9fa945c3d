import { DownloadOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { RecordingView } from '@hotline/contracts';
import { Button, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatBytes, formatTime, useDuration, useFailure } from './common.tsx';
import { FilterBar, usePagedSearch } from './filter-bar.tsx';
import { downloadRecording, RecordingPlayer } from './recording-player.tsx';

/** 录音: search by dates, number, extension and duration; play in the browser or download (both audited). */
export function RecordingsPage() {
  const { t } = useI18n();
  const duration = useDuration();
  const fail = useFailure();
  const [form] = Form.useForm();
  const [params] = useSearchParams();
  const [playing, setPlaying] = useState<RecordingView | null>(null);
  const { rows, loading, search, pagination } = usePagedSearch<RecordingView>('/api/v1/telephony/recordings');

  // A link from the call records opens one recording in the player.
  const linked = params.get('id');
  useEffect(() => {
    if (!linked) return;
    get<{ recording: RecordingView }>(`/api/v1/telephony/recordings/${encodeURIComponent(linked)}`).then(
      (r) => setPlaying(r.recording),
      fail,
    );
  }, [linked, fail]);

  return (
    <>
      <PageHeader title={t('tel.rec.title')} />
      <FilterBar form={form} onSearch={search} testId="rec">
        <Form.Item name="minDuration" label={t('tel.rec.minDuration')}>
          <InputNumber min={0} max={86400} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="maxDuration" label={t('tel.rec.maxDuration')}>
          <InputNumber min={0} max={86400} style={{ width: 80 }} />
        </Form.Item>
      </FilterBar>
      {playing && <RecordingPlayer recording={playing} onClose={() => setPlaying(null)} />}
      <Table<RecordingView>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: t('tel.rec.empty') }}
        rowClassName={(r) => (r.id === playing?.id ? 'ant-table-row-selected' : '')}
        pagination={pagination}
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
