import { App, Button, Card, Col, Form, Input, Row, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, get, post } from '../../shared/api.ts';
import { useAuth } from '../../shared/auth.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { StatusTag, useErrorText, validValues } from './common.tsx';
import { editorHtml, htmlHasText } from './rich-text.ts';
import { RichTextEditor } from './rich-text-editor.tsx';
import type { Article, ArticleView, Category, Department } from './types.ts';

interface Values {
  title: string;
  code?: string;
  categoryId?: string;
  departmentId?: string;
  tags?: string[];
  synonyms?: string[];
  validFrom?: string;
  validTo?: string;
  body: string;
  note?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 文章编辑: create a draft or edit a draft/under-review article (each save is a new version); submit for review. */
export function ArticleEditorPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [article, setArticle] = useState<Article | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [ready, setReady] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    void (async () => {
      try {
        const [c, d, v] = await Promise.all([
          get<{ categories: Category[] }>('/api/v1/kb/categories'),
          get<{ departments: Department[] }>('/api/v1/departments'),
          id ? get<ArticleView>(`/api/v1/kb/articles/${id}`) : Promise.resolve(null),
        ]);
        setCategories(c.categories);
        setDepartments(d.departments);
        setArticle(v?.article ?? null);
        setReady(true);
      } catch (e) {
        message.error(errorText(e));
      }
    })();
  }, [id, message, errorText]);
  const save = async (submit: boolean) => {
    const v = await validValues(form);
    if (!v) return;
    const body = {
      title: v.title,
      body: v.body,
      bodyFormat: 'html',
      code: v.code?.trim() || null,
      categoryId: v.categoryId ?? null,
      departmentId: v.departmentId ?? null,
      tags: v.tags ?? [],
      synonyms: v.synonyms ?? [],
      validFrom: v.validFrom?.trim() || null,
      validTo: v.validTo?.trim() || null,
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    setSaving(true);
    try {
      const saved = article
        ? (await api<{ article: Article }>('PUT', `/api/v1/kb/articles/${article.id}`, body)).article
        : (await post<{ article: Article }>('/api/v1/kb/articles', body)).article;
      if (submit) await post(`/api/v1/kb/articles/${saved.id}/transition`, { to: 'review', comment: null });
      message.success(submit ? t('kb.move.submit.done') : t('common.saved'));
      navigate(`/kb/articles/${saved.id}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  if (!ready) return <Spin />;
  if (article && article.status !== 'draft' && article.status !== 'review')
    return <Typography.Text type="warning">{t('kb.editor.notEditable')}</Typography.Text>;
  const tagSelect = <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} suffixIcon={null} />;
  return (
    <>
      <PageHeader
        title={article ? t('kb.editor.edit') : t('kb.editor.new')}
        extra={article && <StatusTag status={article.status} />}
      />
      <Form
        form={form}
        layout="vertical"
        size="small"
        data-testid="article-form"
        initialValues={
          article
            ? {
                title: article.title,
                code: article.code ?? '',
                categoryId: article.categoryId ?? undefined,
                departmentId: article.departmentId ?? undefined,
                tags: article.tags,
                synonyms: article.synonyms,
                validFrom: article.validFrom ?? '',
                validTo: article.validTo ?? '',
                body: editorHtml(article.body, article.bodyFormat),
              }
            : { tags: [], synonyms: [], departmentId: user?.departmentId ?? undefined }
        }
      >
        <Row gutter={16}>
          <Col xs={24} xl={16}>
            <Card size="small">
              <Form.Item
                name="title"
                label={t('kb.article.title')}
                rules={[{ required: true, message: t('kb.required') }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name="body"
                label={t('kb.article.body')}
                rules={[
                  {
                    validator: (_: unknown, v: string | undefined) =>
                      v && htmlHasText(v) ? Promise.resolve() : Promise.reject(new Error(t('kb.required'))),
                  },
                ]}
                extra={t('kb.editor.bodyHelp')}
              >
                <RichTextEditor label={t('kb.article.body')} />
              </Form.Item>
              {article && (
                <Form.Item name="note" label={t('kb.article.note')}>
                  <Input maxLength={500} placeholder={t('kb.editor.notePlaceholder')} />
                </Form.Item>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small">
              <Form.Item name="categoryId" label={t('kb.article.category')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={categories.map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
              <Form.Item name="departmentId" label={t('kb.article.department')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={departments.map((d) => ({ value: d.id, label: d.name }))}
                />
              </Form.Item>
              <Form.Item name="code" label={t('kb.article.code')}>
                <Input maxLength={32} />
              </Form.Item>
              <Form.Item name="tags" label={t('kb.article.tags')} extra={t('kb.editor.tagsHelp')}>
                {tagSelect}
              </Form.Item>
              <Form.Item name="synonyms" label={t('kb.article.synonyms')} extra={t('kb.editor.synonymsHelp')}>
                {tagSelect}
              </Form.Item>
              <Space.Compact block>
                <Form.Item
                  name="validFrom"
                  label={t('kb.article.validFrom')}
                  rules={[{ pattern: DAY, message: t('kb.editor.dayFormat') }]}
                  style={{ width: '50%' }}
                >
                  <Input placeholder={t('kb.editor.dayPlaceholder')} />
                </Form.Item>
                <Form.Item
                  name="validTo"
                  label={t('kb.article.validTo')}
                  rules={[
                    { pattern: DAY, message: t('kb.editor.dayFormat') },
                    ({ getFieldValue }) => ({
                      validator: (_: unknown, v: string | undefined) =>
                        v && getFieldValue('validFrom') && v < getFieldValue('validFrom')
                          ? Promise.reject(new Error(t('kb.editor.toBeforeFrom')))
                          : Promise.resolve(),
                    }),
                  ]}
                  style={{ width: '50%', paddingLeft: 8 }}
                >
                  <Input placeholder={t('kb.editor.dayPlaceholder')} />
                </Form.Item>
              </Space.Compact>
              <Space wrap>
                <Button onClick={() => void save(false)} loading={saving} data-testid="editor-save">
                  {t('kb.editor.saveDraft')}
                </Button>
                {(!article || article.status === 'draft') && (
                  <Button type="primary" onClick={() => void save(true)} loading={saving} data-testid="editor-submit">
                    {t('kb.editor.saveSubmit')}
                  </Button>
                )}
                <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
              </Space>
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}
