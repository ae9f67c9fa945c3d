import { ErrorCode, HotlineError } from '@hotline/core';
import { type Store, sql } from '@hotline/store';
import type { KbTables } from './kb-tables.ts';
import {
  type AssigneeStatus,
  type AssignmentTally,
  assigneeStatus,
  tallyAssignment,
} from './quiz-assignment-status.ts';

/** An assignment as the trainer's list shows it: what, by when, and how far the operators are. */
export interface AssignmentSummary extends AssignmentTally {
  id: string;
  quizId: string;
  title: string;
  allAgents: boolean;
  dueAt: Date;
  createdAt: Date;
  createdBy: string | null;
  total: number;
}

export interface AssigneeResult {
  userId: string;
  name: string;
  username: string;
  status: AssigneeStatus;
  finishedAt: Date | null;
  correct: number | null;
  score: number | null;
}

export interface AssignmentResults extends AssignmentSummary {
  assignees: AssigneeResult[];
}

/** Assignments newest first (up to `limit`), each with its tally. */
export async function listAssignments(store: Store, now: Date, limit = 100): Promise<AssignmentSummary[]> {
  const heads = await assignmentHeads(store, null, limit);
  if (heads.length === 0) return [];
  const rows = await assigneeRows(
    store,
    heads.map((h) => h.id),
  );
  return heads.map((h) => {
    const mine = rows.filter((r) => r.assignment_id === h.id);
    return { ...h, ...tallyAssignment(mine.map((r) => statusOf(h.dueAt, now, r))) };
  });
}

/** One assignment: per assignee done / late / open / overdue with the score; overdue first, then by name. */
export async function assignmentResults(store: Store, id: string, now: Date): Promise<AssignmentResults> {
  const [head] = await assignmentHeads(store, id, 1);
  if (!head) throw new HotlineError(ErrorCode.NotFound, 'no such quiz assignment');
  const rows = await assigneeRows(store, [id]);
  const order: Record<AssigneeStatus, number> = { overdue: 0, open: 1, late: 2, done: 3 };
  const assignees = rows
    .map((r) => ({
      userId: r.user_id,
      name: r.display_name,
      username: r.username,
      ...statusOf(head.dueAt, now, r),
      finishedAt: r.finished_at,
      correct: r.correct,
    }))
    .sort((a, b) => order[a.status] - order[b.status] || a.username.localeCompare(b.username));
  return { ...head, ...tallyAssignment(assignees), assignees };
}

function statusOf(
  dueAt: Date,
  now: Date,
  r: { finished_at: Date | null; score: number | null },
): { status: AssigneeStatus; score: number | null } {
  return { status: assigneeStatus(dueAt, now, r.finished_at), score: r.finished_at ? r.score : null };
}

async function assignmentHeads(
  store: Store,
  id: string | null,
  limit: number,
): Promise<Array<Omit<AssignmentSummary, keyof AssignmentTally>>> {
  let q = store.db
    .withTables<KbTables>()
    .selectFrom('kb_quiz_assignments as s')
    .innerJoin('kb_quizzes as z', 'z.id', 's.quiz_id')
    .leftJoin('users as u', 'u.id', 's.created_by')
    .select([
      's.id',
      's.quiz_id',
      's.title',
      's.all_agents',
      's.due_at',
      's.created_at',
      'u.display_name',
      sql<number>`jsonb_array_length(z.questions)`.as('total'),
    ]);
  if (id !== null) q = q.where('s.id', '=', id);
  const rows = await q.orderBy('s.created_at', 'desc').orderBy('s.id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    quizId: r.quiz_id,
    title: r.title,
    allAgents: r.all_agents,
    dueAt: r.due_at,
    createdAt: r.created_at,
    createdBy: r.display_name ?? null,
    total: Number(r.total),
  }));
}

async function assigneeRows(store: Store, ids: string[]) {
  return store.db
    .withTables<KbTables>()
    .selectFrom('kb_quiz_assignees as e')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .leftJoin('kb_quiz_attempts as t', (j) =>
      j.onRef('t.assignment_id', '=', 'e.assignment_id').onRef('t.user_id', '=', 'e.user_id'),
    )
    .select(['e.assignment_id', 'e.user_id', 'u.display_name', 'u.username', 't.finished_at', 't.correct', 't.score'])
    .where('e.assignment_id', 'in', ids)
    .execute();
}
