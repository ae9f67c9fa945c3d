import { CloseOutlined, DownloadOutlined } from '@ant-design/icons';
import type { RecordingView } from '@hotline/contracts';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { formatTime, useFailure } from './common.tsx';

type Grant = { url: string; expiresAt: string };

/** Asks for an audited download grant, then lets the browser save the file. */
export async function downloadRecording(id: string): Promise<void> {
  const g = await post<Grant>(`/api/v1/telephony/recordings/${encodeURIComponent(id)}/grant`, { purpose: 'download' });
  const a = document.createElement('a');
  a.href = g.url;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * The in-browser player: one audited play grant, then the browser's own player streaming the WAV
 * with Range requests (seeking fetches only what it needs).
 */
export function RecordingPlayer({ recording, onClose }: { recording: RecordingView; onClose: () => void }) {
  const { t } = useI18n();
  const fail = useFailure();
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSrc(null);
    setError(null);
    post<Grant>(`/api/v1/telephony/recordings/${encodeURIComponent(recording.id)}/grant`, { purpose: 'play' }).then(
      (g) => live && setSrc(g.url),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [recording.id]);
  return (
    <Card
      size="small"
      style={{ marginBottom: 16, borderColor: '#91caff', background: '#f5faff' }}
      data-testid="recording-player"
      title={t('tel.rec.playing', {
        caller: recording.caller ?? '—',
        callee: recording.callee ?? '—',
        time: formatTime(recording.startedAt),
      })}
      extra={
        <Space>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => void downloadRecording(recording.id).catch(fail)}
            data-testid="player-download"
          >
            {t('tel.rec.download')}
          </Button>
          <Button size="small" icon={<CloseOutlined />} onClick={onClose} aria-label={t('tel.rec.close')} />
        </Space>
      }
    >
      {error && <Alert type="error" title={error} showIcon />}
      {src && (
        // biome-ignore lint/a11y/useMediaCaption: call recordings have no caption track
        <audio controls autoPlay src={src} style={{ width: '100%' }} data-testid="recording-audio" preload="metadata" />
      )}
      <Space size="large" style={{ marginTop: 8 }} wrap>
        <Typography.Text type="secondary">{t('tel.rec.channels')}</Typography.Text>
        <Typography.Text type="secondary">{t('tel.rec.audited')}</Typography.Text>
        <Typography.Text type="secondary" copyable={{ text: recording.sha256 }}>
          {t('tel.rec.sha256')}: <Typography.Text code>{recording.sha256.slice(0, 16)}…</Typography.Text>
        </Typography.Text>
      </Space>
    </Card>
  );
}
