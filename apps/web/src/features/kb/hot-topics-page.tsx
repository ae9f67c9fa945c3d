import { FireOutlined, SoundOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { del, get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatTime, KB_REVIEWERS, useErrorText, useHasRole } from './common.tsx';
import { HotTopicForm } from './hot-topic-form.tsx';
import type { HotTopic } from './types.ts';

/** 热点问题: what many citizens are calling about now, with the article to read and the IVR announcement. */
export function HotTopicsPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [rows, setRows] = useState<HotTopic[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const canEdit = useHasRole(KB_REVIEWERS);
  const [editing, setEditing] = useState<HotTopic | null | undefined>(undefined);
  const load = useCallback(async () => {
    try {
      setRows((await get<{ topics: HotTopic[] }>('/api/v1/kb/hot-topics')).topics);
    } catch (e) {
      setError(errorText(e));
    }
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  const end = async (h: HotTopic) => {
    try {
      await del(`/api/v1/kb/hot-topics/${h.id}`);
      message.success(t('kb.hot.ended'));
      await load();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <PageHeader
        title={t('kb.hot.title')}
        extra={
          canEdit && (
            <Button type="primary" onClick={() => setEditing(null)} data-testid="hot-new">
              {t('kb.hot.new')}
            </Button>
          )
        }
      />
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
            extra={
              <Space>
                {h.endsAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('kb.hot.until', { at: formatTime(h.endsAt) })}
                  </Typography.Text>
                )}
                {h.articleId && <Link to={`/kb/articles/${h.articleId}`}>{t('kb.hot.read')}</Link>}
                {canEdit && (
                  <>
                    <Button size="small" onClick={() => setEditing(h)}>
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('kb.hot.endConfirm')}
                      okText={t('kb.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void end(h)}
                    >
                      <Button size="small" danger>
                        {t('kb.hot.end')}
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            }
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
      <HotTopicForm
        open={editing !== undefined}
        topic={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void load();
        }}
      />
    </>
  );
}
