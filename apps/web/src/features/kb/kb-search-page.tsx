import { FireOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { Highlight, useErrorText, useValidity } from './common.tsx';
import type { HotTopic, KbHit } from './types.ts';

function HitList({ hits, testId }: { hits: KbHit[]; testId: string }) {
  const validity = useValidity();
  return (
    <List
      data-testid={testId}
      itemLayout="vertical"
      size="small"
      dataSource={hits}
      renderItem={(h) => (
        <List.Item key={h.id} style={{ paddingInline: 0 }}>
          <Space size={6} wrap style={{ marginBottom: 4 }}>
            <Link to={`/kb/articles/${h.id}`} style={{ fontSize: 15, fontWeight: 600 }}>
              <Highlight text={h.title} terms={h.matched} />
            </Link>
            {h.category && <Tag color="blue">{h.category}</Tag>}
            {h.code && <Typography.Text type="secondary">{h.code}</Typography.Text>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {validity(h.validFrom, h.validTo)}
            </Typography.Text>
          </Space>
          <div style={{ color: '#555' }}>
            <Highlight text={h.snippet} terms={h.matched} />…
          </div>
        </List.Item>
      )}
    />
  );
}

/** 知识库检索: Chinese full-text search, suggestions for a case text, and the hot topics beside. */
export function KbSearchPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [hits, setHits] = useState<KbHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [topics, setTopics] = useState<HotTopic[]>([]);
  const [text, setText] = useState('');
  const [suggested, setSuggested] = useState<KbHit[] | null>(null);
  const search = useCallback(async () => {
    setError(null);
    if (!q) return setHits(null);
    try {
      setHits((await get<{ hits: KbHit[] }>(`/api/v1/kb/search?q=${encodeURIComponent(q)}&limit=20`)).hits);
    } catch (e) {
      setError(errorText(e));
    }
  }, [q, errorText]);
  useEffect(() => {
    void search();
  }, [search]);
  useEffect(() => {
    get<{ topics: HotTopic[] }>('/api/v1/kb/hot-topics')
      .then((r) => setTopics(r.topics))
      .catch((e) => setError(errorText(e)));
  }, [errorText]);
  const suggest = async () => {
    if (!text.trim()) return;
    try {
      setSuggested((await post<{ hits: KbHit[] }>('/api/v1/kb/suggest', { text })).hits);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <>
      <PageHeader title={t('kb.search.title')} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Input.Search
            key={q}
            defaultValue={q}
            placeholder={t('kb.search.placeholder')}
            enterButton={t('common.search')}
            size="large"
            allowClear
            onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
            data-testid="kb-search"
          />
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
          <Card size="small" style={{ marginTop: 12 }}>
            {hits === null ? (
              <Empty description={t('kb.search.hint')} />
            ) : hits.length === 0 ? (
              <Empty description={t('kb.search.none', { q })} />
            ) : (
              <>
                <Typography.Text type="secondary">{t('kb.search.count', { n: hits.length, q })}</Typography.Text>
                <HitList hits={hits} testId="kb-results" />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={
              <Space>
                <FireOutlined style={{ color: '#cf1322' }} />
                {t('kb.hot.title')}
              </Space>
            }
            style={{ marginBottom: 16 }}
            data-testid="kb-hot"
          >
            {topics.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.hot.none')} />
            ) : (
              topics.map((h) => (
                <div key={h.id} style={{ marginBottom: 8 }}>
                  {h.articleId ? <Link to={`/kb/articles/${h.articleId}`}>{h.title}</Link> : <b>{h.title}</b>}
                  <div style={{ color: '#666', fontSize: 12 }}>{h.summary}</div>
                </div>
              ))
            )}
          </Card>
          <Card size="small" title={t('kb.suggest.title')}>
            <Input.TextArea
              rows={4}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('kb.suggest.placeholder')}
              data-testid="kb-suggest-text"
            />
            <Button style={{ marginTop: 8 }} onClick={() => void suggest()} data-testid="kb-suggest">
              {t('kb.suggest.run')}
            </Button>
            {suggested &&
              (suggested.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.suggest.none')} />
              ) : (
                <HitList hits={suggested} testId="kb-suggestions" />
              ))}
          </Card>
        </Col>
      </Row>
    </>
  );
}
