import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { useErrorText } from './common.tsx';
import type { BuiltQuiz, Trainee } from './quiz-types.ts';
import type { Category } from './types.ts';

interface Values {
  title: string;
  source: 'build' | 'quiz';
  quizId?: string;
  categoryIds?: string[];
  count: number;
  articleIds?: string[];
  to: 'all' | 'chosen';
  userIds?: string[];
  /** antd's date value (a dayjs); the quiz is due at the end of that day. */
  due?: { endOf(unit: 'day'): { toISOString(): string } };
}

/** 布置测验: name, questions (built now from categories/articles, or a built quiz), operators, due date. */
export function QuizAssignModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [categories, setCategories] = useState<Category[]>([]);
  const [articles, setArticles] = useState<{ id: string; title: string }[]>([]);
  const [quizzes, setQuizzes] = useState<BuiltQuiz[]>([]);
  const [trainees, setTrainees] = useState<Trainee[]>([]);
  const source = Form.useWatch('source', form);
  const to = Form.useWatch('to', form);
  useEffect(() => {
    if (!open) return;
    void (async () => {
      try {
        const [c, a, q, u] = await Promise.all([
          get<{ categories: Category[] }>('/api/v1/kb/categories'),
          get<{ articles: { id: string; title: string }[] }>('/api/v1/kb/articles?status=published&limit=500'),
          get<{ quizzes: BuiltQuiz[] }>('/api/v1/kb/quizzes'),
          get<{ trainees: Trainee[] }>('/api/v1/kb/trainees'),
        ]);
        setCategories(c.categories);
        setArticles(a.articles);
        setQuizzes(q.quizzes);
        setTrainees(u.trainees);
      } catch (e) {
        message.error(errorText(e));
      }
    })();
  }, [open, message, errorText]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await post<{ assignment: { assigned: number } }>('/api/v1/kb/quiz-assignments', {
        title: v.title,
        ...(v.source === 'quiz'
          ? { quizId: v.quizId }
          : { categoryIds: v.categoryIds ?? [], articleIds: v.articleIds ?? [], count: v.count }),
        allAgents: v.to === 'all',
        userIds: v.to === 'chosen' ? (v.userIds ?? []) : [],
        dueAt: v.due?.endOf('day').toISOString(),
      });
      message.success(t('kb.assign.done', { n: r.assignment.assigned }));
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('kb.assign.required') }];
  return (
    <Modal
      open={open}
      title={t('kb.assign.new')}
      okText={t('kb.assign.submit')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      width={560}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'build', count: 5, to: 'all' }}
        data-testid="assign-form"
      >
        <Form.Item name="title" label={t('kb.assign.name')} rules={required}>
          <Input maxLength={200} data-testid="assign-title" />
        </Form.Item>
        <Form.Item name="source" label={t('kb.assign.source')}>
          <Radio.Group
            options={[
              { value: 'build', label: t('kb.assign.source.build') },
              { value: 'quiz', label: t('kb.assign.source.quiz') },
            ]}
          />
        </Form.Item>
        {source === 'quiz' ? (
          <Form.Item name="quizId" label={t('kb.assign.quiz')} rules={required}>
            <Select
              options={quizzes.map((q) => ({
                value: q.id,
                label: t('kb.assign.quizOption', { title: q.title, total: q.total }),
              }))}
              data-testid="assign-quiz"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="categoryIds"
              label={t('kb.assign.categories')}
              rules={[
                {
                  validator: async () => {
                    const v = form.getFieldsValue();
                    if ((v.categoryIds?.length ?? 0) + (v.articleIds?.length ?? 0) === 0) {
                      throw new Error(t('kb.assign.needSource'));
                    }
                  },
                },
              ]}
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={categories.map((c) => ({ value: c.id, label: c.name }))}
                data-testid="assign-categories"
              />
            </Form.Item>
            <Form.Item name="count" label={t('kb.assign.count')}>
              <InputNumber min={1} max={20} precision={0} style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="articleIds" label={t('kb.assign.articles')}>
              <Select
                mode="multiple"
                maxCount={20}
                showSearch={{ optionFilterProp: 'label' }}
                options={articles.map((a) => ({ value: a.id, label: a.title }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="to" label={t('kb.assign.to')}>
          <Radio.Group
            options={[
              { value: 'all', label: t('kb.assign.to.all') },
              { value: 'chosen', label: t('kb.assign.to.chosen') },
            ]}
            data-testid="assign-to"
          />
        </Form.Item>
        {to === 'chosen' && (
          <Form.Item name="userIds" label={t('kb.assign.users')} rules={required}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={trainees.map((u) => ({ value: u.id, label: `${u.name} (${u.username})` }))}
              data-testid="assign-users"
            />
          </Form.Item>
        )}
        <Form.Item name="due" label={t('kb.assign.dueAt')} rules={required}>
          <DatePicker style={{ width: 200 }} data-testid="assign-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
