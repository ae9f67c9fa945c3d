import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { WorkflowButtons } from './article-page.tsx';
import { formatTime, useErrorText, useValidity } from './common.tsx';
import type { Article, Category, Department } from './types.ts';

/** 审核队列: articles submitted for review, read in place and approved or sent back with a comment. */
export function ReviewPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const validity = useValidity();
  const [rows, setRows] = useState<Article[] | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [a, c, d] = await Promise.all([
        get<{ articles: Article[] }>('/api/v1/kb/articles?status=review&limit=200'),
        get<{ categories: Category[] }>('/api/v1/kb/categories'),
        get<{ departments: Department[] }>('/api/v1/departments'),
      ]);
      setRows(a.articles);
      setCategories(c.categories);
      setDepartments(d.departments);
    } catch (e) {
      setError(errorText(e));
    }
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <>
      <PageHeader title={t('kb.review.title')} />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {rows !== null && rows.length === 0 && <Empty description={t('kb.review.empty')} style={{ marginTop: 48 }} />}
      <List
        data-testid="review-queue"
        dataSource={rows ?? []}
        loading={rows === null && !error}
        renderItem={(a) => (
          <Card
            key={a.id}
            size="small"
            style={{ marginBottom: 12 }}
            data-testid={`review-${a.id}`}
            title={
              <Space wrap>
                <Link to={`/kb/articles/${a.id}`}>{a.title}</Link>
                {a.categoryId && <Tag color="blue">{categories.find((c) => c.id === a.categoryId)?.name}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                  {t('kb.review.meta', {
                    version: a.version,
                    at: formatTime(a.updatedAt),
                    department: departments.find((d) => d.id === a.departmentId)?.name ?? t('kb.review.noDepartment'),
                  })}
                </Typography.Text>
              </Space>
            }
            extra={
              <Space>
                <WorkflowButtons id={a.id} status={a.status} onDone={() => void load()} />
              </Space>
            }
          >
            <Typography.Paragraph
              style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }}
              ellipsis={{ rows: 4, expandable: true, symbol: t('kb.review.more') }}
            >
              {a.body}
            </Typography.Paragraph>
            <Space size={4} wrap>
              {a.tags.map((x) => (
                <Tag key={x}>{x}</Tag>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {validity(a.validFrom, a.validTo)}
              </Typography.Text>
            </Space>
          </Card>
        )}
      />
    </>
  );
}
