import { FileOutlined, LinkOutlined } from '@ant-design/icons';
import { Image, Space } from 'antd';
import { useLabels } from './catalog.tsx';
import type { Attachment } from './model.ts';

export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const HTTP = /^https?:\/\//i;

/** The attachments of an intake or a reply: uploads with size and a download link (images as thumbnails), and links. */
export function AttachmentList({ items, testId }: { items: Attachment[] | undefined; testId?: string }) {
  const { t } = useLabels();
  if (!items?.length) return null;
  return (
    <Space direction="vertical" size={4} data-testid={testId} style={{ width: '100%' }}>
      {items.map((a) =>
        a.fileId ? (
          <Space key={a.fileId} size={8} align="center" data-testid="attachment">
            {a.kind === 'image' ? (
              <Image
                width={48}
                height={48}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                src={`/api/v1/files/${a.fileId}?inline=1`}
                alt={a.name}
              />
            ) : (
              <FileOutlined style={{ fontSize: 20, color: '#888' }} />
            )}
            <a href={`/api/v1/files/${a.fileId}`} download={a.name} title={t('cases.files.download')}>
              {a.name}
            </a>
            {a.size !== undefined && <span style={{ color: '#888', fontSize: 12 }}>{fmtSize(a.size)}</span>}
          </Space>
        ) : (
          <Space key={`${a.name}|${a.url}`} size={8} data-testid="attachment">
            <LinkOutlined style={{ color: '#888' }} />
            {a.url && HTTP.test(a.url) ? (
              <a href={a.url} target="_blank" rel="noopener noreferrer">
                {a.name}
              </a>
            ) : (
              <span>{a.name}</span>
            )}
            <span style={{ color: '#888', fontSize: 12 }}>{t('cases.files.link')}</span>
          </Space>
        ),
      )}
    </Space>
  );
}
