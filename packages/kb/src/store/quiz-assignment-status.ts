/**
 * Where an assigned operator stands with an assigned quiz: `done` (submitted by the due date),
 * `late` (submitted after it), `open` (not submitted, still due), `overdue` (not submitted, past due).
 */
export type AssigneeStatus = 'done' | 'late' | 'open' | 'overdue';

export function assigneeStatus(dueAt: Date, now: Date, finishedAt: Date | null): AssigneeStatus {
  if (finishedAt !== null) return finishedAt.getTime() <= dueAt.getTime() ? 'done' : 'late';
  return now.getTime() > dueAt.getTime() ? 'overdue' : 'open';
}

export interface AssignmentTally {
  assigned: number;
  finished: number;
  overdue: number;
  /** Rounded mean of the submitted scores; null before anyone submitted. */
  averageScore: number | null;
}

export function tallyAssignment(
  rows: ReadonlyArray<{ status: AssigneeStatus; score: number | null }>,
): AssignmentTally {
  const scores = rows.filter((r) => r.status === 'done' || r.status === 'late').map((r) => r.score ?? 0);
  return {
    assigned: rows.length,
    finished: scores.length,
    overdue: rows.filter((r) => r.status === 'overdue').length,
    averageScore: scores.length === 0 ? null : Math.round(scores.reduce((s, x) => s + x, 0) / scores.length),
  };
}
