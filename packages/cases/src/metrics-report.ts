import { type AssignmentFact, computeMetrics, type MetricSet, type RoundFact } from './metrics.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export type MetricGroupBy = 'none' | 'department' | 'category' | 'region' | 'period';
export type PeriodUnit = 'day' | 'month' | 'year';

export interface MetricQuery {
  /** Inclusive start and exclusive end instants of the period. */
  from: number;
  to: number;
  groupBy: MetricGroupBy;
  /** For `period` grouping. */
  periodUnit?: PeriodUnit;
  /** Maps a category code to its grouping key (e.g. its level-1 ancestor); defaults to the code. */
  categoryKey?: (code: string) => string;
  departmentId?: string;
  regionCode?: string;
  /** Instant the "deadline passed" tests use; normally now. */
  asOf: number;
}

export interface MetricRow {
  key: string;
  current: MetricSet;
  /** 环比: the period of equal length just before. */
  previous: MetricSet;
  /** 同比: the same period one year earlier. */
  yearAgo: MetricSet;
}

/** Shifts an instant by whole calendar years in the calendar's zone (29 Feb → 28 Feb). */
export function shiftYears(cal: WorkingCalendar, ms: number, years: number): number {
  const off = cal.offsetMinutes * 60_000;
  const d = new Date(ms + off);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.getTime() - off;
}

export function periodKey(cal: WorkingCalendar, ms: number, unit: PeriodUnit): string {
  const date = cal.localDate(ms);
  return unit === 'day' ? date : unit === 'month' ? date.slice(0, 7) : date.slice(0, 4);
}

interface Facts {
  assignments: readonly AssignmentFact[];
  rounds: readonly RoundFact[];
}

function groupKey(
  q: MetricQuery,
  cal: WorkingCalendar,
  f: { departmentId: string; categoryCode: string; regionCode: string | null },
  at: number,
  from: number,
): string {
  switch (q.groupBy) {
    case 'department':
      return f.departmentId;
    case 'category':
      return (q.categoryKey ?? ((c: string) => c))(f.categoryCode);
    case 'region':
      return f.regionCode ?? '';
    case 'period':
      // Comparison windows are keyed by the current window's labels: offset `at` back into it.
      return periodKey(cal, at - from + q.from, q.periodUnit ?? 'month');
    default:
      return 'all';
  }
}

function window(facts: Facts, q: MetricQuery, cal: WorkingCalendar, from: number, to: number): Map<string, Facts> {
  const out = new Map<string, { assignments: AssignmentFact[]; rounds: RoundFact[] }>();
  const bucket = (k: string) => {
    const b = out.get(k) ?? { assignments: [], rounds: [] };
    out.set(k, b);
    return b;
  };
  const keep = (f: { departmentId: string; regionCode: string | null }) =>
    (q.departmentId === undefined || f.departmentId === q.departmentId) &&
    (q.regionCode === undefined || f.regionCode === q.regionCode);
  for (const a of facts.assignments) {
    if (a.dispatchedAt >= from && a.dispatchedAt < to && keep(a))
      bucket(groupKey(q, cal, a, a.dispatchedAt, from)).assignments.push(a);
  }
  for (const r of facts.rounds) {
    if (r.reviewedAt >= from && r.reviewedAt < to && keep(r))
      bucket(groupKey(q, cal, r, r.reviewedAt, from)).rounds.push(r);
  }
  return out;
}

/** Metrics per group for a period, with period-on-period (环比) and year-on-year (同比) figures. */
export function metricReport(facts: Facts, q: MetricQuery, cal: WorkingCalendar): MetricRow[] {
  const span = q.to - q.from;
  const cur = window(facts, q, cal, q.from, q.to);
  const prev = window(facts, q, cal, q.from - span, q.from);
  const yearFrom = shiftYears(cal, q.from, -1);
  const ago = window(facts, q, cal, yearFrom, shiftYears(cal, q.to, -1));
  const keys = [...cur.keys()].sort();
  const empty: Facts = { assignments: [], rounds: [] };
  const m = (f: Facts | undefined) => computeMetrics((f ?? empty).assignments, (f ?? empty).rounds, q.asOf);
  return keys.map((key) => ({ key, current: m(cur.get(key)), previous: m(prev.get(key)), yearAgo: m(ago.get(key)) }));
}
