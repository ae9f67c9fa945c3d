import { sql } from '@hotline/store';
import type { CasesDb } from './case-repository.ts';
import { type MetricSet, ratio } from './metrics.ts';
import { type MetricQuery, type MetricRow, shiftYears } from './metrics-report.ts';
import type { WorkingCalendar } from './working-calendar.ts';

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

type TimeCol = 'dispatched_at' | 'reviewed_at';

function keyExpr(q: MetricQuery, col: TimeCol, shiftMs: number, offsetMin: number) {
  switch (q.groupBy) {
    case 'department':
      // The uuid itself (drivers return it as text): grouping by a cast costs a quarter more.
      return sql<string>`department_id`;
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

/** A comparison window: [from, to); `shift` moves its instants onto the current window's labels. */
interface Window {
  from: number;
  to: number;
  shift: number;
}

/**
 * The windows cut the time line into segments at every window edge; each row falls in exactly one
 * segment, and each window is a union of whole segments. Counting each segment once and adding the
 * segments up per window reads the rows shared by two windows (环比 and 同比 of a year overlap almost
 * entirely) once, not once per window. Segments no window covers are not read.
 */
function segments(windows: readonly Window[]): { from: number; to: number; windows: number[] }[] {
  const bounds = [...new Set(windows.flatMap((w) => (w.to > w.from ? [w.from, w.to] : [])))].sort((a, b) => a - b);
  const out: { from: number; to: number; windows: number[] }[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const from = bounds[s]!;
    const to = bounds[s + 1]!;
    const covering = windows.flatMap((w, i) => (w.from <= from && to <= w.to ? [i] : []));
    if (covering.length > 0) out.push({ from, to, windows: covering });
  }
  return out;
}

type SegRow = { [k: string]: unknown };

/**
 * Assignment and round counts of one segment per key: period labels depend on the window (its
 * shift), so a period segment carries one label per covering window; other keys are the same in all.
 */
async function segmentCounts(
  db: CasesDb,
  q: MetricQuery,
  cal: WorkingCalendar,
  windows: readonly Window[],
  seg: { from: number; to: number; windows: number[] },
): Promise<SegRow[]> {
  const asOf = new Date(q.asOf);
  const lo = new Date(seg.from);
  const hi = new Date(seg.to);
  const keys = (col: TimeCol) =>
    q.groupBy === 'period'
      ? seg.windows.map((w) => keyExpr(q, col, windows[w]!.shift, cal.offsetMinutes).as(`k${w}`))
      : [keyExpr(q, col, 0, cal.offsetMinutes).as('k')];
  const byKeys = sql.raw(
    Array.from({ length: q.groupBy === 'period' ? seg.windows.length : 1 }, (_, i) => String(i + 1)).join(', '),
  );
  let pq = db
    .selectFrom('case_parties')
    .select([
      ...keys('dispatched_at'),
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
    .where('dispatched_at', '>=', lo)
    .where('dispatched_at', '<', hi);
  let rq = db
    .selectFrom('case_rounds')
    .select([
      ...keys('reviewed_at'),
      sql<number>`count(*)::int`.as('rounds'),
      sql<number>`(count(*) filter (where reached))::int`.as('reached'),
      sql<number>`(count(*) filter (where reached and satisfaction is not null))::int`.as('rated'),
      sql<number>`(count(*) filter (where reached and satisfaction in ('satisfied', 'basically_satisfied')))::int`.as(
        'satisfied',
      ),
      sql<number>`(count(*) filter (where reached and resolved is not null))::int`.as('answered'),
      sql<number>`(count(*) filter (where reached and resolved))::int`.as('resolved'),
    ])
    .where('reviewed_at', '>=', lo)
    .where('reviewed_at', '<', hi);
  if (q.departmentId !== undefined) {
    pq = pq.where('department_id', '=', q.departmentId);
    rq = rq.where('department_id', '=', q.departmentId);
  }
  if (q.regionCode !== undefined) {
    pq = pq.where('region_code', '=', q.regionCode);
    rq = rq.where('region_code', '=', q.regionCode);
  }
  const [pr, rr] = await Promise.all([pq.groupBy(byKeys).execute(), rq.groupBy(byKeys).execute()]);
  return [...pr, ...rr] as SegRow[];
}

/**
 * Same figures as `metricReport` over the projections, aggregated in SQL (the dashboard path): the
 * current period, the one before (环比) and the same period a year earlier (同比), each stretch of
 * time read once (see `segments`); the segment queries run concurrently.
 */
export async function metricReportSql(db: CasesDb, q: MetricQuery, cal: WorkingCalendar): Promise<MetricRow[]> {
  const span = q.to - q.from;
  const agoFrom = shiftYears(cal, q.from, -1);
  const windows: Window[] = [
    { from: q.from, to: q.to, shift: 0 },
    { from: q.from - span, to: q.from, shift: span },
    { from: agoFrom, to: shiftYears(cal, q.to, -1), shift: q.from - agoFrom },
  ];
  const out = windows.map(() => new Map<string, Counts>());
  const mapKey = (k: string) => (q.groupBy === 'category' && q.categoryKey ? q.categoryKey(k) : k);
  const segs = segments(windows);
  const counted = await Promise.all(segs.map((seg) => segmentCounts(db, q, cal, windows, seg)));
  for (const [i, rows] of counted.entries()) {
    for (const r of rows) {
      for (const w of segs[i]!.windows) {
        const k = mapKey(String(q.groupBy === 'period' ? r[`k${w}`] : r.k));
        const c = { ...(out[w]!.get(k) ?? ZERO) };
        for (const [name, v] of Object.entries(r)) if (name in ZERO) c[name as keyof Counts] += Number(v);
        out[w]!.set(k, c);
      }
    }
  }
  const [cur, prev, ago] = out as [Map<string, Counts>, Map<string, Counts>, Map<string, Counts>];
  const keys = [...cur.keys()].sort();
  return keys.map((key) => ({
    key,
    current: toMetrics(cur.get(key) ?? ZERO),
    previous: toMetrics(prev.get(key) ?? ZERO),
    yearAgo: toMetrics(ago.get(key) ?? ZERO),
  }));
}
