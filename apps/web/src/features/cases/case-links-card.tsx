import { PlayCircleOutlined } from '@ant-design/icons';
import type { CaseLinksResponse } from '@hotline/contracts';
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { get, post } from '../../shared/api.ts';
import { useLabels } from './catalog.tsx';
import { fmtTime } from './model.ts';

type Call = CaseLinksResponse['calls'][number];

/**
 * 关联通话与录音: the calls linked to the case (from the CDRs) and their recordings. Playing asks for
 * the audited recording grant, which only admins, supervisors and QA get; others see that a
 * recording exists. Hidden when the case has no links.
 */
export function CaseLinksCard({ caseId, linkCount }: { caseId: string; linkCount: number }) {
  const { t } = useLabels();
  const { message } = App.useApp();
  const [links, setLinks] = useState<CaseLinksResponse | null>(null);
  const [playing, setPlaying] = useState<{ id: string; url: string } | null>(null);
  useEffect(() => {
    if (linkCount === 0) return setLinks(null);
    void get<CaseLinksResponse>(`/api/v1/cases/${caseId}/links`).then(setLinks, () => setLinks(null));
  }, [caseId, linkCount]);
  if (!links) return null;
  const play = async (id: string) => {
    try {
      const g = await post<{ url: string }>(`/api/v1/telephony/recordings/${encodeURIComponent(id)}/grant`, {
        purpose: 'play',
      });
      setPlaying({ id, url: g.url });
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  const secs = (ms: number | null) => t('cases.links.seconds', { s: Math.round((ms ?? 0) / 1000) });
  return (
    <Card size="small" title={t('cases.links.title')} style={{ marginBottom: 12 }} data-testid="case-links">
      {(links.calls.length > 0 || links.unmatchedCalls.length > 0) && (
        <>
          <Table<Call>
            rowKey="legId"
            size="small"
            pagination={false}
            dataSource={links.calls}
            title={() => t('cases.links.calls')}
            columns={[
              { title: t('cases.links.time'), dataIndex: 'startedAt', render: (s: string) => fmtTime(Date.parse(s)) },
              { title: t('cases.links.caller'), dataIndex: 'caller' },
              { title: t('cases.links.callee'), dataIndex: 'callee' },
              { title: t('cases.links.duration'), dataIndex: 'durationMs', render: (ms: number) => secs(ms) },
            ]}
          />
          {links.unmatchedCalls.map((r) => (
            <div key={r} style={{ color: '#888', marginTop: 4 }}>
              {t('cases.links.unmatched', { ref: r })}
            </div>
          ))}
        </>
      )}
      {links.recordings.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <div style={{ marginBottom: 6 }}>{t('cases.links.recordings')}</div>
          <Space direction="vertical" style={{ width: '100%' }}>
            {links.recordings.map((r) =>
              r.id === null ? (
                <span key={r.ref} style={{ color: '#888' }}>
                  {t('cases.links.missingRecording', { ref: r.ref })}
                </span>
              ) : (
                <Space key={r.ref} wrap data-testid="linked-recording">
                  <span>{r.startedAt ? fmtTime(Date.parse(r.startedAt)) : ''}</span>
                  <span style={{ color: '#888' }}>{secs(r.durationMs)}</span>
                  {links.canPlay ? (
                    <Button size="small" icon={<PlayCircleOutlined />} onClick={() => void play(r.id!)}>
                      {t('cases.links.play')}
                    </Button>
                  ) : (
                    <Tag>{t('cases.links.noPlay')}</Tag>
                  )}
                  {playing?.id === r.id && (
                    // biome-ignore lint/a11y/useMediaCaption: call recordings have no captions
                    <audio src={playing.url} controls autoPlay style={{ height: 32 }} />
                  )}
                </Space>
              ),
            )}
          </Space>
        </div>
      )}
    </Card>
  );
}
