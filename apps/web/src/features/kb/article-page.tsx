import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import {
  formatTime,
  KB_EDITORS,
  KB_REVIEWERS,
  StatusTag,
  useErrorText,
  useHasRole,
  useValidity,
  validValues,
} from './common.tsx';
import { RichBody } from './rich-body.tsx';
import type { ArticleEvent, ArticleStatus, ArticleVersion, ArticleView, Category, Department } from './types.ts';

/** A workflow move offered on the page: target status, who may do it, whether a comment is required. */
interface Move {
  key: string;
  to: ArticleStatus;
  reviewer: boolean;
  comment: 'none' | 'optional' | 'required';
  danger?: boolean;
  primary?: boolean;
}

/** The moves of the editorial workflow per status (mirrors ARTICLE_TRANSITIONS and the route's rules). */
const MOVES: Record<ArticleStatus, Move[]> = {
  draft: [{ key: 'submit', to: 'review', reviewer: false, comment: 'optional', primary: true }],
  review: [
    { key: 'approve', to: 'published', reviewer: true, comment: 'optional', primary: true },
    { key: 'reject', to: 'draft', reviewer: true, comment: 'required', danger: true },
  ],
  published: [
    { key: 'revise', to: 'draft', reviewer: false, comment: 'optional' },
    { key: 'archive', to: 'archived', reviewer: true, comment: 'optional', danger: true },
  ],
  archived: [{ key: 'restore', to: 'draft', reviewer: true, comment: 'optional' }],
};

/** The workflow buttons with their comment dialog; `onDone` after a successful move. */
export function WorkflowButtons({
  id,
  status,
  onDone,
}: {
  id: string;
  status: ArticleStatus;
  onDone(to: ArticleStatus): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const editor = useHasRole(KB_EDITORS);
  const reviewer = useHasRole(KB_REVIEWERS);
  const [move, setMove] = useState<Move | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();
  const moves = MOVES[status].filter((m) => (m.reviewer ? reviewer : editor));
  const run = async () => {
    if (!move) return;
    const v = await validValues(form);
    if (!v) return;
    try {
      await post(`/api/v1/kb/articles/${id}/transition`, { to: move.to, comment: v.comment?.trim() || null });
      message.success(t(`kb.move.${move.key}.done`));
      setMove(null);
      onDone(move.to);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      {moves.map((m) => (
        <Button
          key={m.key}
          type={m.primary ? 'primary' : 'default'}
          danger={m.danger}
          onClick={() => {
            form.resetFields();
            setMove(m);
          }}
          data-testid={`move-${m.key}`}
        >
          {t(`kb.move.${m.key}`)}
        </Button>
      ))}
      <Modal
        open={!!move}
        title={move ? t(`kb.move.${move.key}`) : ''}
        onOk={() => void run()}
        onCancel={() => setMove(null)}
        okText={t('kb.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: move?.danger }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" size="small">
          <Form.Item
            name="comment"
            label={move?.comment === 'required' ? t('kb.move.commentRequired') : t('kb.move.comment')}
            rules={move?.comment === 'required' ? [{ required: true, message: t('kb.required') }] : []}
          >
            <Input.TextArea rows={3} maxLength={1000} data-testid="move-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 文章: the body, its metadata, the workflow actions the user may take, versions and the workflow log. */
export function ArticlePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const validity = useValidity();
  const editor = useHasRole(KB_EDITORS);
  const [view, setView] = useState<ArticleView | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [v, c, d] = await Promise.all([
        get<ArticleView>(`/api/v1/kb/articles/${id}`),
        get<{ categories: Category[] }>('/api/v1/kb/categories'),
        get<{ departments: Department[] }>('/api/v1/departments'),
      ]);
      setView(v);
      setCategories(c.categories);
      setDepartments(d.departments);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id, errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  if (!view) return <Spin />;
  const a = view.article;
  const editable = a.status === 'draft' || a.status === 'review';
  return (
    <>
      <PageHeader
        title={a.title}
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              {t('kb.back')}
            </Button>
            {editor && editable && (
              <Button onClick={() => navigate(`/kb/editor/${a.id}`)} data-testid="article-edit">
                {t('common.edit')}
              </Button>
            )}
            <WorkflowButtons id={a.id} status={a.status} onDone={() => void load()} />
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={3}
          data-testid="article-meta"
          items={[
            { key: 's', label: t('kb.article.status'), children: <StatusTag status={a.status} /> },
            {
              key: 'c',
              label: t('kb.article.category'),
              children: categories.find((c) => c.id === a.categoryId)?.name ?? '—',
            },
            { key: 'code', label: t('kb.article.code'), children: a.code ?? '—' },
            { key: 'v', label: t('kb.article.validity'), children: validity(a.validFrom, a.validTo) },
            {
              key: 'd',
              label: t('kb.article.department'),
              children: departments.find((d) => d.id === a.departmentId)?.name ?? '—',
            },
            { key: 'ver', label: t('kb.article.version'), children: `v${a.version}` },
            {
              key: 'tags',
              label: t('kb.article.tags'),
              span: 2,
              children: a.tags.length ? a.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—',
            },
            { key: 'p', label: t('kb.article.publishedAt'), children: formatTime(a.publishedAt) || '—' },
            {
              key: 'syn',
              label: t('kb.article.synonyms'),
              span: 3,
              children: a.synonyms.length ? a.synonyms.join('、') : '—',
            },
          ]}
        />
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'body',
              label: t('kb.article.body'),
              children: <RichBody body={a.body} format={a.bodyFormat} testId="article-body" />,
            },
            {
              key: 'versions',
              label: t('kb.article.versions', { n: view.versions.length }),
              children: (
                <Table
                  rowKey="version"
                  size="small"
                  pagination={false}
                  dataSource={view.versions}
                  data-testid="article-versions"
                  expandable={{
                    expandedRowRender: (v: ArticleVersion) => <RichBody body={v.body} format={v.bodyFormat} />,
                  }}
                  columns={[
                    { title: t('kb.article.version'), dataIndex: 'version', width: 70, render: (n: number) => `v${n}` },
                    { title: t('kb.article.title'), dataIndex: 'title' },
                    {
                      title: t('kb.article.editor'),
                      dataIndex: 'editorName',
                      width: 120,
                      render: (n: string | null) => n ?? t('kb.system'),
                    },
                    { title: t('kb.time'), dataIndex: 'editedAt', width: 150, render: formatTime },
                    {
                      title: t('kb.article.note'),
                      dataIndex: 'note',
                      render: (n: string | null) => (n === 'created' ? t('kb.article.created') : (n ?? '')),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'history',
              label: t('kb.article.history'),
              children: (
                <Timeline
                  data-testid="article-history"
                  items={view.history.map((h: ArticleEvent, i) => ({
                    key: `${h.at}-${i}`,
                    color: h.type === 'rejected' ? 'red' : h.type === 'approved' ? 'green' : 'blue',
                    content: (
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 8 }}>
                          {formatTime(h.at)}
                        </Typography.Text>
                        <b>{h.actorName ?? t('kb.system')}</b> {t(`kb.event.${h.type}`)}
                        {h.to && h.from !== h.to && (
                          <Typography.Text type="secondary"> → {t(`kb.status.${h.to}`)}</Typography.Text>
                        )}
                        {h.comment && <div style={{ color: '#555' }}>“{h.comment}”</div>}
                      </div>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
