import { Card, Segmented, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get } from '../../shared/api.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { PageHeader } from '../../shared/page-header.tsx';
import { formatTime, useErrorText } from './common.tsx';
import { QuizAssignmentsCard } from './quiz-assignments-card.tsx';
import { ScoreTag } from './quiz-page.tsx';
import type { OperatorQuizResult } from './quiz-types.ts';

const PERIODS = ['7', '30', 'all'] as const;

/** 培训成绩: the assigned quizzes (测验任务), then per operator, finished quizzes, average and best score and the weakest categories (lowest first). */
export function QuizResultsPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('30');
  const [rows, setRows] = useState<OperatorQuizResult[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      setLoading(true);
      try {
        const q = period === 'all' ? '' : `?days=${period}`;
        setRows((await get<{ operators: OperatorQuizResult[] }>(`/api/v1/kb/quiz-results${q}`)).operators);
        setError(null);
      } catch (e) {
        setError(errorText(e));
      } finally {
        setLoading(false);
      }
    })();
  }, [period, errorText]);
  return (
    <>
      <PageHeader
        title={t('kb.results.title')}
        extra={
          <Segmented
            value={period}
            onChange={(v) => setPeriod(v as (typeof PERIODS)[number])}
            options={PERIODS.map((p) => ({ value: p, label: t(`kb.results.period.${p}`) }))}
            data-testid="quiz-results-period"
          />
        }
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="userId"
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('kb.results.empty') }}
          data-testid="quiz-results"
          columns={[
            {
              title: t('kb.results.operator'),
              dataIndex: 'name',
              render: (n: string, r: OperatorQuizResult) => (
                <span>
                  {n} <Typography.Text type="secondary">({r.username})</Typography.Text>
                </span>
              ),
            },
            { title: t('kb.results.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
            {
              title: t('kb.results.average'),
              dataIndex: 'averageScore',
              width: 100,
              render: (s: number) => <ScoreTag score={s} />,
              sorter: (a: OperatorQuizResult, b: OperatorQuizResult) => a.averageScore - b.averageScore,
            },
            { title: t('kb.results.best'), dataIndex: 'bestScore', width: 90, align: 'right' },
            {
              title: t('kb.results.weakest'),
              dataIndex: 'weakest',
              render: (w: OperatorQuizResult['weakest']) =>
                w.length === 0 ? (
                  <Typography.Text type="secondary">{t('kb.results.noWeakness')}</Typography.Text>
                ) : (
                  w.map((c) => (
                    <Tag key={c.category ?? ''} color={c.rate < 0.6 ? 'red' : 'orange'}>
                      {t('kb.results.rate', {
                        category: c.category ?? t('kb.results.uncategorised'),
                        correct: c.correct,
                        total: c.total,
                      })}
                    </Tag>
                  ))
                ),
            },
            { title: t('kb.results.lastAt'), dataIndex: 'lastAt', width: 150, render: formatTime },
          ]}
        />
      </Card>
      <QuizAssignmentsCard />
    </>
  );
}
