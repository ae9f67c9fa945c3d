import { sql } from '@hotline/store';
import type { CasesDb } from './case-repository.ts';
import type { DeadlineAlert } from './deadline-alerts.ts';
import { computeMetrics, type MetricSet, ratio } from './metrics.ts';
import { type MetricQuery, type MetricRow, shiftYears } from './metrics-report.ts';
import type { WorkingCalendar } from './working-calendar.ts';

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
function delegatedBy(db: Pick<CasesDb, 'selectFrom'>, departmentId: string) {
  return db
    .selectFrom('case_parties')
    .select('id')
    .where('department_id', '=', departmentId)
    .where('status', '=', 'delegated');
}

const ms = (d: Date | null | undefined) => (d ? new Date(d).getTime() : null);

/**
 * One department's queue page, ordered by the relevant deadline. Served by
 * `case_parties_queue_idx (department_id, status, finish_deadline)`.
 */
export async function departmentQueue(
  db: CasesDb,
  departmentId: string,
  queue: DepartmentQueue,
  page: Page,
  now: number,
): Promise<{ items: QueueItem[]; hasMore: boolean }> {
  const at = new Date(now);
  let q = db
    .selectFrom('case_parties as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select([
      'c.id as caseId',
      'c.number',
      'c.status as caseStatus',
      'c.category_code as categoryCode',
      'c.urgency',
      sql<string>`left(c.description, 120)`.as('description'),
      'c.created_at as createdAt',
      'p.id as partyId',
      'p.status as partyStatus',
      'p.role',
      'p.sign_deadline as signDeadline',
      'p.finish_deadline as finishDeadline',
    ]);
  switch (queue) {
    case 'to_sign':
      q = q.where('p.department_id', '=', departmentId).where('p.status', '=', 'to_sign').orderBy('p.sign_deadline');
      break;
    case 'in_progress':
      q = q
        .where('p.department_id', '=', departmentId)
        .where('p.status', 'in', ['in_progress', 'delegated'])
        .orderBy('p.finish_deadline');
      break;
    case 'due_soon':
      q = q
        .where('p.department_id', '=', departmentId)
        .where('p.status', 'in', ['to_sign', 'in_progress', 'delegated'])
        .where('p.finish_warn_at', '<=', at)
        .where('p.finish_deadline', '>=', at)
        .orderBy('p.finish_deadline');
      break;
    case 'overdue':
      q = q
        .where('p.department_id', '=', departmentId)
        .where('p.status', 'in', ['to_sign', 'in_progress', 'delegated'])
        .where('p.finish_deadline', '<', at)
        .orderBy('p.finish_deadline');
      break;
    case 'returned':
      // Its own returns awaiting the center, and returns by its re-dispatched children it must arbitrate.
      q = q
        .where((eb) =>
          eb.or([
            eb.and([eb('p.department_id', '=', departmentId), eb('p.status', '=', 'returned')]),
            eb.and([eb('p.parent_party_id', 'in', delegatedBy(db, departmentId)), eb('p.status', '=', 'returned')]),
          ]),
        )
        .orderBy('p.sign_deadline');
      break;
    case 'to_review':
      q = q
        .where('p.status', '=', 'replied')
        .where('p.parent_party_id', 'in', delegatedBy(db, departmentId))
        .orderBy('p.updated_at');
      break;
  }
  const rows = await q
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
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
    .where('p.status', 'in', ['to_sign', 'in_progress', 'delegated', 'returned'])
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
    const check = (clock: 'sign' | 'finish', level: 'warning' | 'breach', t: Date) => {
      const x = new Date(t).getTime();
      if (x > since && x <= now) out.push({ ...base, clock, level, at: x });
    };
    if (r.status === 'to_sign') {
      check('sign', 'warning', r.sign_warn_at);
      check('sign', 'breach', r.sign_deadline);
    }
    check('finish', 'warning', r.finish_warn_at);
    check('finish', 'breach', r.finish_deadline);
  }
  return out.sort((x, y) => x.at - y.at);
}

interface Counts {
  assignments: number;
  returned: number;
  signDen: number;
  signNum: number;
  finDen: number;
  finNum: number;
  rounds: number;
  reached: number;
  rated: number;
  satisfied: number;
  answered: number;
  resolved: number;
}
const ZERO: Counts = {
  assignments: 0,
  returned: 0,
  signDen: 0,
  signNum: 0,
  finDen: 0,
  finNum: 0,
  rounds: 0,
  reached: 0,
  rated: 0,
  satisfied: 0,
  answered: 0,
  resolved: 0,
};

function toMetrics(c: Counts): MetricSet {
  return {
    timelySign: ratio(c.signNum, c.signDen),
    onTimeFinish: ratio(c.finNum, c.finDen),
    returnRate: ratio(c.returned, c.assignments),
    callbackRate: ratio(c.reached, c.rounds),
    satisfactionRate: ratio(c.satisfied, c.rated),
    resolutionRate: ratio(c.resolved, c.answered),
  };
}

function keyExpr(q: MetricQuery, col: 'dispatched_at' | 'reviewed_at', shiftMs: number, offsetMin: number) {
  switch (q.groupBy) {
    case 'department':
      return sql<string>`department_id::text`;
    case 'category':
      return sql<string>`category_code`;
    case 'region':
      return sql<string>`coalesce(region_code, '')`;
    case 'period': {
      const fmt = q.periodUnit === 'day' ? 'YYYY-MM-DD' : q.periodUnit === 'year' ? 'YYYY' : 'YYYY-MM';
      const secs = Math.round(shiftMs / 1000) + offsetMin * 60;
      return sql<string>`to_char((${sql.ref(col)} at time zone 'UTC') + make_interval(secs => ${secs}), ${fmt})`;
    }
    default:
      return sql<string>`'all'`;
  }
}

async function windowCounts(
  db: CasesDb,
  q: MetricQuery,
  cal: WorkingCalendar,
  from: number,
  to: number,
): Promise<Map<string, Counts>> {
  const asOf = new Date(q.asOf);
  const shift = q.from - from;
  let pq = db
    .selectFrom('case_parties')
    .select([
      keyExpr(q, 'dispatched_at', shift, cal.offsetMinutes).as('key'),
      sql<number>`count(*)::int`.as('assignments'),
      sql<number>`(count(*) filter (where return_count > 0))::int`.as('returned'),
      sql<number>`(count(*) filter (where not (signed_at is null and withdrawn_at is not null and withdrawn_at <= sign_deadline) and (signed_at is not null or sign_deadline < ${asOf})))::int`.as(
        'signDen',
      ),
      sql<number>`(count(*) filter (where signed_at is not null and signed_at <= sign_deadline))::int`.as('signNum'),
      sql<number>`(count(*) filter (where signed_at is not null and not (accepted_at is null and withdrawn_at is not null and withdrawn_at <= finish_deadline) and (accepted_at is not null or finish_deadline < ${asOf})))::int`.as(
        'finDen',
      ),
      sql<number>`(count(*) filter (where signed_at is not null and accepted_at is not null and finished_on_time))::int`.as(
        'finNum',
      ),
    ])
    .where('dispatched_at', '>=', new Date(from))
    .where('dispatched_at', '<', new Date(to));
  let rq = db
    .selectFrom('case_rounds')
    .select([
      keyExpr(q, 'reviewed_at', shift, cal.offsetMinutes).as('key'),
      sql<number>`count(*)::int`.as('rounds'),
      sql<number>`(count(*) filter (where reached))::int`.as('reached'),
      sql<number>`(count(*) filter (where reached and satisfaction is not null))::int`.as('rated'),
      sql<number>`(count(*) filter (where reached and satisfaction in ('satisfied', 'basically_satisfied')))::int`.as(
        'satisfied',
      ),
      sql<number>`(count(*) filter (where reached and resolved is not null))::int`.as('answered'),
      sql<number>`(count(*) filter (where reached and resolved))::int`.as('resolved'),
    ])
    .where('reviewed_at', '>=', new Date(from))
    .where('reviewed_at', '<', new Date(to));
  if (q.departmentId !== undefined) {
    pq = pq.where('department_id', '=', q.departmentId);
    rq = rq.where('department_id', '=', q.departmentId);
  }
  if (q.regionCode !== undefined) {
    pq = pq.where('region_code', '=', q.regionCode);
    rq = rq.where('region_code', '=', q.regionCode);
  }
  const [pr, rr] = await Promise.all([pq.groupBy(sql`1`).execute(), rq.groupBy(sql`1`).execute()]);
  const out = new Map<string, Counts>();
  const mapKey = (k: string) => (q.groupBy === 'category' && q.categoryKey ? q.categoryKey(k) : k);
  for (const r of [...pr, ...rr]) {
    const k = mapKey(r.key);
    const c = { ...(out.get(k) ?? ZERO) };
    for (const [name, v] of Object.entries(r)) if (name !== 'key') c[name as keyof Counts] += Number(v);
    out.set(k, c);
  }
  return out;
}

/** Same figures as `metricReport` over the projections, aggregated in SQL (the dashboard path). */
export async function metricReportSql(db: CasesDb, q: MetricQuery, cal: WorkingCalendar): Promise<MetricRow[]> {
  const span = q.to - q.from;
  const [cur, prev, ago] = await Promise.all([
    windowCounts(db, q, cal, q.from, q.to),
    windowCounts(db, q, cal, q.from - span, q.from),
    windowCounts(db, q, cal, shiftYears(cal, q.from, -1), shiftYears(cal, q.to, -1)),
  ]);
  const keys = [...cur.keys()].sort();
  return keys.map((key) => ({
    key,
    current: toMetrics(cur.get(key) ?? ZERO),
    previous: toMetrics(prev.get(key) ?? ZERO),
    yearAgo: toMetrics(ago.get(key) ?? ZERO),
  }));
}

export { computeMetrics };
