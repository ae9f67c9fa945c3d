import { sql } from '@hotline/store';
import type { CasesDb } from './case-repository.ts';
import type { DeadlineAlert } from './deadline-alerts.ts';
import { computeMetrics } from './metrics.ts';

export type DepartmentQueue = 'to_sign' | 'in_progress' | 'due_soon' | 'overdue' | 'returned' | 'to_review';
export const DEPARTMENT_QUEUES: readonly DepartmentQueue[] = [
  'to_sign',
  'in_progress',
  'due_soon',
  'overdue',
  'returned',
  'to_review',
];

export type CenterQueue = 'to_dispatch' | 'returned' | 'extension' | 'to_review' | 'callback' | 'overdue' | 'all';
export const CENTER_QUEUES: readonly CenterQueue[] = [
  'to_dispatch',
  'returned',
  'extension',
  'to_review',
  'callback',
  'overdue',
  'all',
];

export interface QueueItem {
  caseId: string;
  number: string;
  caseStatus: string;
  categoryCode: string;
  urgency: string;
  description: string;
  createdAt: number;
  partyId: string | null;
  partyStatus: string | null;
  role: string | null;
  signDeadline: number | null;
  finishDeadline: number | null;
}

export interface Page {
  limit: number;
  offset: number;
}

/** The department's parties that re-dispatched down and wait on a child (returned or replied). */
const delegatedBy = (departmentId: string) =>
  sql`(select id from case_parties where department_id = ${departmentId} and status = 'delegated')`;

const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null);

type QueueOrder = 'sign_deadline' | 'finish_deadline' | 'updated_at';

/**
 * A queue as a union of simple filters, each answered by an ordered index scan of
 * `case_parties_queue_idx (department_id, status, finish_deadline)` (or the child → parent index)
 * and cut at the page's end, then merged: one status per branch, because an `IN` list or an `OR`
 * makes PostgreSQL read and sort every matching row of a large department (bench/cases/RESULTS.md).
 */
function queueSpec(departmentId: string, queue: DepartmentQueue, at: Date) {
  const mine = (status: string) => sql`department_id = ${departmentId} and status = ${status}`;
  const running = ['to_sign', 'in_progress', 'delegated'];
  switch (queue) {
    case 'to_sign':
      return { order: 'sign_deadline' as QueueOrder, branches: [mine('to_sign')] };
    case 'in_progress':
      return { order: 'finish_deadline' as QueueOrder, branches: ['in_progress', 'delegated'].map(mine) };
    case 'due_soon':
      return {
        order: 'finish_deadline' as QueueOrder,
        branches: running.map((st) => sql`${mine(st)} and finish_warn_at <= ${at} and finish_deadline >= ${at}`),
      };
    case 'overdue':
      return {
        order: 'finish_deadline' as QueueOrder,
        branches: running.map((st) => sql`${mine(st)} and finish_deadline < ${at}`),
      };
    case 'returned':
      // Its own returns awaiting the center, and returns by its re-dispatched children it must arbitrate.
      return {
        order: 'sign_deadline' as QueueOrder,
        branches: [
          mine('returned'),
          sql`status = 'returned' and parent_party_id in ${delegatedBy(departmentId)} and department_id <> ${departmentId}`,
        ],
      };
    case 'to_review':
      return {
        order: 'updated_at' as QueueOrder,
        branches: [sql`status = 'replied' and parent_party_id in ${delegatedBy(departmentId)}`],
      };
  }
}

interface QueueRow {
  caseId: string;
  number: string;
  caseStatus: string;
  categoryCode: string;
  urgency: string;
  description: string;
  createdAt: Date;
  partyId: string;
  partyStatus: string;
  role: string;
  signDeadline: Date;
  finishDeadline: Date;
}

/** One department's queue page, ordered by the relevant deadline (ties by assignment id). */
export async function departmentQueue(
  db: CasesDb,
  departmentId: string,
  queue: DepartmentQueue,
  page: Page,
  now: number,
): Promise<{ items: QueueItem[]; hasMore: boolean }> {
  const { order, branches } = queueSpec(departmentId, queue, new Date(now));
  const end = page.offset + page.limit + 1;
  const ord = sql.ref(order);
  const parts = branches.map(
    (where) =>
      sql`(select id, case_id, status, role, sign_deadline, finish_deadline, updated_at from case_parties
        where ${where} order by ${ord}, id limit ${end})`,
  );
  const rows = (
    await sql<QueueRow>`
      select c.id as "caseId", c.number, c.status as "caseStatus", c.category_code as "categoryCode", c.urgency,
        left(c.description, 120) as description, c.created_at as "createdAt", p.id as "partyId",
        p.status as "partyStatus", p.role, p.sign_deadline as "signDeadline", p.finish_deadline as "finishDeadline"
      from (${sql.join(parts, sql` union all `)}) p
      join cases c on c.id = p.case_id
      order by p.${ord}, p.id
      limit ${page.limit + 1} offset ${page.offset}`.execute(db)
  ).rows;
  const items = rows.slice(0, page.limit).map((r) => ({
    ...r,
    createdAt: ms(r.createdAt)!,
    signDeadline: ms(r.signDeadline),
    finishDeadline: ms(r.finishDeadline),
  }));
  return { items, hasMore: rows.length > page.limit };
}

/** The center's work lists. */
export async function centerQueue(
  db: CasesDb,
  queue: CenterQueue,
  page: Page,
  now: number,
): Promise<{ items: QueueItem[]; hasMore: boolean }> {
  let q = db
    .selectFrom('cases as c')
    .select([
      'c.id as caseId',
      'c.number',
      'c.status as caseStatus',
      'c.category_code as categoryCode',
      'c.urgency',
      sql<string>`left(c.description, 120)`.as('description'),
      'c.created_at as createdAt',
    ]);
  const byStatus: Partial<Record<CenterQueue, string[]>> = {
    to_dispatch: ['registered'],
    returned: ['returned'],
    extension: ['extension_requested'],
    to_review: ['replied'],
    callback: ['reviewed', 'callback'],
  };
  const statuses = byStatus[queue];
  if (statuses) q = q.where('c.status', 'in', statuses).orderBy('c.updated_at');
  else if (queue === 'overdue') {
    q = q
      .where('c.id', 'in', (eb) =>
        eb
          .selectFrom('case_parties')
          .select('case_id')
          .where('status', 'in', ['to_sign', 'in_progress', 'delegated'])
          .where('finish_deadline', '<', new Date(now)),
      )
      .orderBy('c.created_at');
  } else q = q.orderBy('c.created_at', 'desc');
  const rows = await q
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  const items = rows.slice(0, page.limit).map((r) => ({
    ...r,
    createdAt: ms(r.createdAt)!,
    partyId: null,
    partyStatus: null,
    role: null,
    signDeadline: null,
    finishDeadline: null,
  }));
  return { items, hasMore: rows.length > page.limit };
}

/** Assignment statuses whose clocks still run (the partial indexes of migration 0103 use exactly these). */
const ALERT_STATUSES = ['to_sign', 'in_progress', 'delegated', 'returned'] as const;

/** Alerts whose warning or deadline instant falls in (since, now] — the DeadlineMonitor's source. */
export async function dueAlerts(db: CasesDb, since: number, now: number): Promise<DeadlineAlert[]> {
  const a = new Date(since);
  const b = new Date(now);
  const rows = await db
    .selectFrom('case_parties as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select([
      'p.id',
      'p.case_id',
      'c.number',
      'p.department_id',
      'p.status',
      'p.sign_warn_at',
      'p.sign_deadline',
      'p.finish_warn_at',
      'p.finish_deadline',
    ])
    // Literals, not parameters: the partial indexes of migration 0103 match only a predicate they can prove.
    .where(sql<boolean>`p.status in (${sql.join(ALERT_STATUSES.map((x) => sql.lit(x)))})`)
    .where((eb) =>
      eb.or([
        eb.and([eb('p.sign_warn_at', '>', a), eb('p.sign_warn_at', '<=', b)]),
        eb.and([eb('p.sign_deadline', '>', a), eb('p.sign_deadline', '<=', b)]),
        eb.and([eb('p.finish_warn_at', '>', a), eb('p.finish_warn_at', '<=', b)]),
        eb.and([eb('p.finish_deadline', '>', a), eb('p.finish_deadline', '<=', b)]),
      ]),
    )
    .execute();
  const out: DeadlineAlert[] = [];
  for (const r of rows) {
    const base = { caseId: r.case_id, caseNumber: r.number, partyId: r.id, departmentId: r.department_id };
    const check = (clock: 'sign' | 'finish', level: 'warning' | 'breach', t: Date, deadline: Date) => {
      const x = new Date(t).getTime();
      if (x > since && x <= now) out.push({ ...base, clock, level, at: x, deadline: new Date(deadline).getTime() });
    };
    if (r.status === 'to_sign') {
      check('sign', 'warning', r.sign_warn_at, r.sign_deadline);
      check('sign', 'breach', r.sign_deadline, r.sign_deadline);
    }
    check('finish', 'warning', r.finish_warn_at, r.finish_deadline);
    check('finish', 'breach', r.finish_deadline, r.finish_deadline);
  }
  return out.sort((x, y) => x.at - y.at);
}

export { computeMetrics };
