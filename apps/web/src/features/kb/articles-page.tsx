import { Button, Input, Space, Table, Tabs, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatTime, StatusTag, useErrorText, useValidity } from './common.tsx';
import type { Article, ArticleStatus, Category } from './types.ts';

const TABS: Array<ArticleStatus | 'all'> = ['all', 'draft', 'review', 'published', 'archived'];

/** 文章管理: every article by workflow status, for editors; new article. */
export function ArticlesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const validity = useValidity();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'draft') as ArticleStatus | 'all';
  const [rows, setRows] = useState<Article[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      const q = status === 'all' ? '?limit=500' : `?status=${status}&limit=500`;
      const [a, c] = await Promise.all([
        get<{ articles: Article[] }>(`/api/v1/kb/articles${q}`),
        get<{ categories: Category[] }>('/api/v1/kb/categories'),
      ]);
      setRows(a.articles);
      setCategories(c.categories);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, [status, errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <PageHeader
        title={t('kb.manage.title')}
        extra={
          <Space>
            <Input.Search
              allowClear
              placeholder={t('kb.manage.filter')}
              onChange={(e) => setFilter(e.target.value.trim())}
              style={{ width: 240 }}
              data-testid="articles-filter"
            />
            <Button type="primary" onClick={() => navigate('/kb/editor/new')} data-testid="article-new">
              {t('kb.editor.new')}
            </Button>
          </Space>
        }
      />
      {error && <Tag color="red">{error}</Tag>}
      <Tabs
        activeKey={status}
        onChange={(k) => setParams({ status: k })}
        items={TABS.map((s) => ({ key: s, label: s === 'all' ? t('kb.manage.all') : t(`kb.status.${s}`) }))}
      />
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={filter ? rows.filter((a) => a.title.includes(filter) || a.code === filter) : rows}
        data-testid="articles-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('kb.manage.empty') }}
        columns={[
          { title: t('kb.article.code'), dataIndex: 'code', width: 80 },
          {
            title: t('kb.article.title'),
            dataIndex: 'title',
            render: (title: string, a: Article) => <Link to={`/kb/articles/${a.id}`}>{title}</Link>,
          },
          {
            title: t('kb.article.category'),
            dataIndex: 'categoryId',
            width: 110,
            render: (id: string | null) => categories.find((c) => c.id === id)?.name ?? '',
          },
          {
            title: t('kb.article.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: ArticleStatus) => <StatusTag status={s} />,
          },
          { title: t('kb.article.version'), dataIndex: 'version', width: 70, render: (n: number) => `v${n}` },
          {
            title: t('kb.article.validity'),
            width: 210,
            render: (_: unknown, a: Article) => validity(a.validFrom, a.validTo),
          },
          { title: t('kb.article.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatTime },
        ]}
      />
    </>
  );
}
