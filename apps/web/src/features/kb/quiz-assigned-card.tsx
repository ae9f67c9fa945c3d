import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get, post } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { formatTime, useErrorText } from './common.tsx';
import type { AssigneeStatus, MyAssignment, QuizAttempt } from './quiz-types.ts';

const STATUS_COLOR: Record<AssigneeStatus, string> = { done: 'green', late: 'gold', open: 'blue', overdue: 'red' };

export function StatusTag({ status }: { status: AssigneeStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`kb.status.${status}`)}</Tag>;
}

/**
 * 待完成的测验: the quizzes a supervisor assigned to me and I have not submitted, soonest due first.
 * Taking one opens (or resumes) my single attempt; `reload` changes after a submission.
 */
export function QuizAssignedCard({ reload, onTake }: { reload: number; onTake(a: QuizAttempt): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [rows, setRows] = useState<MyAssignment[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    void reload;
    void (async () => {
      try {
        const r = await get<{ assignments: MyAssignment[] }>('/api/v1/kb/quiz-assignments/mine');
        setRows(r.assignments.filter((a) => a.finishedAt === null));
      } catch (e) {
        message.error(errorText(e));
      }
    })();
  }, [reload, message, errorText]);
  const take = async (a: MyAssignment) => {
    setBusy(a.id);
    try {
      const r = await post<{ attempt: Omit<QuizAttempt, 'finishedAt' | 'correct' | 'score' | 'total' | 'review'> }>(
        `/api/v1/kb/quiz-assignments/${a.id}/attempt`,
        {},
      );
      onTake({
        ...r.attempt,
        finishedAt: null,
        correct: null,
        score: null,
        total: r.attempt.questions.length,
        review: null,
      });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title={t('kb.assigned.title')} style={{ marginBottom: 16 }} data-testid="quiz-assigned">
      <Table
        rowKey="id"
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: t('kb.assigned.empty') }}
        columns={[
          { title: t('kb.quiz.name'), dataIndex: 'title' },
          { title: t('kb.assigned.questions'), dataIndex: 'total', width: 80, align: 'right' },
          {
            title: t('kb.assigned.due'),
            dataIndex: 'dueAt',
            width: 200,
            render: (d: string, r: MyAssignment) => (
              <span>
                {formatTime(d)} {r.status === 'overdue' && <StatusTag status="overdue" />}
              </span>
            ),
          },
          {
            title: '',
            key: 'take',
            width: 110,
            render: (_: unknown, r: MyAssignment) => (
              <Button size="small" type="primary" loading={busy === r.id} onClick={() => void take(r)}>
                {r.attemptId ? t('kb.assigned.resume') : t('kb.assigned.take')}
              </Button>
            ),
          },
        ]}
      />
      {rows !== null && rows.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('kb.assigned.once')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
