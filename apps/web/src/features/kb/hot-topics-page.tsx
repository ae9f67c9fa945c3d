import { FireOutlined, SoundOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { useErrorText } from './common.tsx';
import type { HotTopic } from './types.ts';

/** 热点问题: what many citizens are calling about now, with the article to read and the IVR announcement. */
export function HotTopicsPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [rows, setRows] = useState<HotTopic[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ topics: HotTopic[] }>('/api/v1/kb/hot-topics')
      .then((r) => setRows(r.topics))
      .catch((e: unknown) => setError(errorText(e)));
  }, [errorText]);
  return (
    <>
      <PageHeader title={t('kb.hot.title')} />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {rows !== null && rows.length === 0 && <Empty description={t('kb.hot.none')} />}
      <div data-testid="hot-topics">
        {(rows ?? []).map((h, i) => (
          <Card
            key={h.id}
            size="small"
            style={{ marginBottom: 12 }}
            title={
              <Space>
                <FireOutlined style={{ color: i === 0 ? '#cf1322' : '#fa8c16' }} />
                {h.title}
              </Space>
            }
            extra={h.articleId && <Link to={`/kb/articles/${h.articleId}`}>{t('kb.hot.article')}</Link>}
          >
            <Typography.Paragraph style={{ marginBottom: h.announceText ? 8 : 0 }}>{h.summary}</Typography.Paragraph>
            {h.announceText && (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                <SoundOutlined /> {t('kb.hot.announce')}：{h.announceText}
              </Typography.Paragraph>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
