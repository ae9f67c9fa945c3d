import { App, Button, Card, Drawer, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { formatTime, useErrorText } from './common.tsx';
import { QuizAssignModal } from './quiz-assign-modal.tsx';
import { StatusTag } from './quiz-assigned-card.tsx';
import { ScoreTag } from './quiz-page.tsx';
import type { AssignmentResults, AssignmentSummary } from './quiz-types.ts';

/** 测验任务: the quizzes assigned to operators, how many did them, who is overdue; and 布置测验. */
export function QuizAssignmentsCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [rows, setRows] = useState<AssignmentSummary[] | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [detail, setDetail] = useState<AssignmentResults | null>(null);
  const load = useCallback(async () => {
    try {
      setRows((await get<{ assignments: AssignmentSummary[] }>('/api/v1/kb/quiz-assignments')).assignments);
    } catch (e) {
      message.error(errorText(e));
    }
  }, [message, errorText]);
  useEffect(() => {
    void load();
  }, [load]);
  const open = async (id: string) => {
    try {
      setDetail((await get<{ assignment: AssignmentResults }>(`/api/v1/kb/quiz-assignments/${id}`)).assignment);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card
      size="small"
      title={t('kb.assign.section')}
      style={{ marginBottom: 16 }}
      extra={
        <Button type="primary" onClick={() => setAssigning(true)} data-testid="assign-open">
          {t('kb.assign.new')}
        </Button>
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('kb.assign.empty') }}
        data-testid="quiz-assignments"
        columns={[
          { title: t('kb.quiz.name'), dataIndex: 'title' },
          { title: t('kb.assigned.questions'), dataIndex: 'total', width: 70, align: 'right' },
          { title: t('kb.assigned.due'), dataIndex: 'dueAt', width: 140, render: formatTime },
          {
            title: t('kb.assign.progress'),
            key: 'progress',
            render: (_: unknown, r: AssignmentSummary) => (
              <Space size={4} wrap>
                <span>{t('kb.assign.progressOf', { finished: r.finished, assigned: r.assigned })}</span>
                {r.overdue > 0 && <Tag color="red">{t('kb.assign.overdueN', { n: r.overdue })}</Tag>}
              </Space>
            ),
          },
          {
            title: t('kb.assign.average'),
            dataIndex: 'averageScore',
            width: 80,
            render: (s: number | null) => (s === null ? '—' : <ScoreTag score={s} />),
          },
          { title: t('kb.assign.createdBy'), dataIndex: 'createdBy', width: 100 },
          {
            title: '',
            key: 'open',
            width: 70,
            render: (_: unknown, r: AssignmentSummary) => (
              <Button size="small" type="link" onClick={() => void open(r.id)}>
                {t('kb.assign.detail')}
              </Button>
            ),
          },
        ]}
      />
      <QuizAssignModal
        open={assigning}
        onClose={() => setAssigning(false)}
        onDone={() => {
          setAssigning(false);
          void load();
        }}
      />
      <Drawer open={detail !== null} onClose={() => setDetail(null)} title={detail?.title} size="large">
        {detail && (
          <>
            <Typography.Paragraph type="secondary">
              {t('kb.assigned.due')}: {formatTime(detail.dueAt)} ·{' '}
              {t('kb.assign.progressOf', { finished: detail.finished, assigned: detail.assigned })}
            </Typography.Paragraph>
            <Table
              rowKey="userId"
              size="small"
              dataSource={detail.assignees}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="assignment-detail"
              columns={[
                {
                  title: t('kb.results.operator'),
                  dataIndex: 'name',
                  render: (n: string, r: AssignmentResults['assignees'][number]) => (
                    <span>
                      {n} <Typography.Text type="secondary">({r.username})</Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('kb.assign.status'),
                  dataIndex: 'status',
                  width: 100,
                  render: (s: AssignmentResults['assignees'][number]['status']) => <StatusTag status={s} />,
                },
                {
                  title: t('kb.quiz.score'),
                  dataIndex: 'score',
                  width: 120,
                  render: (s: number | null, r: AssignmentResults['assignees'][number]) =>
                    s === null ? (
                      '—'
                    ) : (
                      <ScoreTag
                        score={s}
                        text={t('kb.quiz.scoreOf', { score: s, correct: r.correct ?? 0, total: detail.total })}
                      />
                    ),
                },
                { title: t('kb.assign.finishedAt'), dataIndex: 'finishedAt', width: 150, render: formatTime },
              ]}
            />
          </>
        )}
      </Drawer>
    </Card>
  );
}
