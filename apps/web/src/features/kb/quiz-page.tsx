import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { App, Button, Card, Form, InputNumber, Radio, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatTime, useErrorText } from './common.tsx';
import { QuizAssignedCard } from './quiz-assigned-card.tsx';
import type { QuizAttempt, QuizAttemptSummary } from './quiz-types.ts';
import type { Category } from './types.ts';

/**
 * 培训测验: an operator takes the quizzes assigned to them, or picks a category and a number of
 * questions; answers, and sees the score with the key.
 */
export function QuizPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [categories, setCategories] = useState<Category[]>([]);
  const [mine, setMine] = useState<QuizAttemptSummary[] | null>(null);
  const [attempt, setAttempt] = useState<QuizAttempt | null>(null);
  const [answers, setAnswers] = useState<Array<number | null>>([]);
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(0);
  const [form] = Form.useForm<{ categoryId?: string; count: number }>();
  const loadMine = useCallback(async () => {
    try {
      setMine((await get<{ attempts: QuizAttemptSummary[] }>('/api/v1/kb/quiz-attempts/mine')).attempts);
    } catch (e) {
      message.error(errorText(e));
    }
  }, [message, errorText]);
  useEffect(() => {
    void (async () => {
      try {
        setCategories((await get<{ categories: Category[] }>('/api/v1/kb/categories')).categories);
      } catch (e) {
        message.error(errorText(e));
      }
    })();
    void loadMine();
  }, [loadMine, message, errorText]);
  const show = (a: QuizAttempt) => {
    setAttempt(a);
    setAnswers(a.questions.map(() => null));
  };
  const start = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      const r = await post<{ attempt: QuizAttempt }>('/api/v1/kb/quiz-attempts', {
        categoryId: v.categoryId ?? null,
        count: v.count ?? 5,
      });
      show({
        ...r.attempt,
        finishedAt: null,
        correct: null,
        score: null,
        total: r.attempt.questions.length,
        review: null,
      });
      void loadMine();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const open = async (id: string) => {
    try {
      show((await get<{ attempt: QuizAttempt }>(`/api/v1/kb/quiz-attempts/${id}`)).attempt);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const submit = async () => {
    if (!attempt) return;
    setBusy(true);
    try {
      const r = await post<{ attempt: QuizAttempt }>(`/api/v1/kb/quiz-attempts/${attempt.id}/submit`, { answers });
      setAttempt(r.attempt);
      window.scrollTo({ top: 0 });
      setSubmitted((n) => n + 1);
      void loadMine();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const answered = answers.filter((a) => a !== null).length;
  return (
    <>
      <PageHeader title={t('kb.quiz.title')} />
      <QuizAssignedCard
        reload={submitted}
        onTake={(a) => {
          show(a);
          void loadMine();
        }}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" initialValues={{ count: 5 }} data-testid="quiz-start-form">
          <Form.Item name="categoryId" label={t('kb.article.category')}>
            <Select
              allowClear
              placeholder={t('kb.quiz.allCategories')}
              style={{ width: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={categories.map((c) => ({ value: c.id, label: c.name }))}
              data-testid="quiz-category"
            />
          </Form.Item>
          <Form.Item name="count" label={t('kb.quiz.count')}>
            <InputNumber min={1} max={20} precision={0} style={{ width: 90 }} data-testid="quiz-count" />
          </Form.Item>
          <Button type="primary" onClick={() => void start()} loading={busy && !attempt} data-testid="quiz-start">
            {t('kb.quiz.start')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('kb.quiz.hint')}
        </Typography.Paragraph>
      </Card>
      {attempt && !attempt.review && (
        <Card
          size="small"
          title={attempt.title}
          extra={t('kb.quiz.answered', { n: answered, total: attempt.questions.length })}
          style={{ marginBottom: 16 }}
          data-testid="quiz-questions"
        >
          {attempt.questions.map((q, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: questions are positional and never reorder
            <div key={i} style={{ marginBottom: 16 }} data-testid={`quiz-q-${i}`}>
              <Typography.Text strong>
                {i + 1}. {q.prompt}
              </Typography.Text>
              <Radio.Group
                value={answers[i]}
                onChange={(e) => setAnswers((a) => a.map((x, k) => (k === i ? (e.target.value as number) : x)))}
                style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 6 }}
                options={q.options.map((o, k) => ({ value: k, label: `${String.fromCharCode(65 + k)}. ${o}` }))}
              />
            </div>
          ))}
          <Space>
            <Button type="primary" onClick={() => void submit()} loading={busy} data-testid="quiz-submit">
              {t('kb.quiz.submit')}
            </Button>
            {answered < attempt.questions.length && (
              <Typography.Text type="warning">
                {t('kb.quiz.unanswered', { n: attempt.questions.length - answered })}
              </Typography.Text>
            )}
          </Space>
        </Card>
      )}
      {attempt?.review && <QuizReview attempt={attempt} onClose={() => setAttempt(null)} />}
      <Card size="small" title={t('kb.quiz.mine')}>
        {mine === null ? (
          <Spin />
        ) : (
          <Table
            rowKey="id"
            size="small"
            dataSource={mine}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            locale={{ emptyText: t('kb.quiz.mineEmpty') }}
            data-testid="quiz-mine"
            columns={[
              { title: t('kb.quiz.name'), dataIndex: 'title' },
              { title: t('kb.quiz.startedAt'), dataIndex: 'startedAt', width: 150, render: formatTime },
              {
                title: t('kb.quiz.score'),
                dataIndex: 'score',
                width: 140,
                render: (s: number | null, r: QuizAttemptSummary) =>
                  s === null ? (
                    <Tag>{t('kb.quiz.unfinished')}</Tag>
                  ) : (
                    <ScoreTag
                      score={s}
                      text={t('kb.quiz.scoreOf', { score: s, correct: r.correct ?? 0, total: r.total })}
                    />
                  ),
              },
              {
                title: '',
                key: 'open',
                width: 90,
                render: (_: unknown, r: QuizAttemptSummary) => (
                  <Button size="small" type="link" onClick={() => void open(r.id)}>
                    {r.finishedAt ? t('kb.quiz.view') : t('kb.quiz.resume')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

export function ScoreTag({ score, text }: { score: number; text?: string }) {
  return <Tag color={score >= 80 ? 'green' : score >= 60 ? 'gold' : 'red'}>{text ?? score}</Tag>;
}

/** The score, then every question with the operator's answer, the right answer and the article to read. */
function QuizReview({ attempt, onClose }: { attempt: QuizAttempt; onClose(): void }) {
  const { t } = useI18n();
  const review = attempt.review ?? [];
  const score = attempt.score ?? 0;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="quiz-result">
      <Result
        status={score >= 60 ? 'success' : 'warning'}
        title={t('kb.quiz.scoreTitle', { score })}
        subTitle={`${attempt.title} · ${t('kb.quiz.correctOf', { correct: attempt.correct ?? 0, total: attempt.total })}`}
        extra={<Button onClick={onClose}>{t('kb.quiz.close')}</Button>}
        style={{ padding: '8px 0 16px' }}
      />
      {attempt.questions.map((q, i) => {
        const r = review[i];
        if (!r) return null;
        const option = (k: number | null) =>
          k === null ? t('kb.quiz.blank') : `${String.fromCharCode(65 + k)}. ${q.options[k] ?? ''}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions are positional and never reorder
          <div key={i} style={{ marginBottom: 14 }} data-testid={`quiz-review-${i}`}>
            <Space align="start">
              {r.right ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
              <Typography.Text strong>
                {i + 1}. {q.prompt}
              </Typography.Text>
            </Space>
            <div style={{ paddingLeft: 22 }}>
              {!r.right && (
                <div>
                  <Typography.Text type="danger">
                    {t('kb.quiz.yourAnswer')}
                    {option(r.chosen)}
                  </Typography.Text>
                </div>
              )}
              <div>
                <Typography.Text type="success">
                  {t('kb.quiz.rightAnswer')}
                  {option(r.answer)}
                </Typography.Text>
              </div>
              <Link to={`/kb/articles/${r.articleId}`}>{t('kb.quiz.read', { title: r.title })}</Link>
              {r.category && <Tag style={{ marginLeft: 8 }}>{r.category}</Tag>}
            </div>
          </div>
        );
      })}
    </Card>
  );
}
