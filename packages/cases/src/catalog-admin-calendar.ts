import { ErrorCode, HotlineError } from '@hotline/core';
import { writeAudit } from '@hotline/store';
import type { Actor } from './actor.ts';
import { type CaseRepository, type CasesDb, isUuid } from './case-repository.ts';
import { refreshOpenClocks } from './catalog-admin.ts';
import { addDays, type CalendarOverride, isIsoDate } from './working-calendar.ts';

/**
 * Calendar overrides over a date range in one action: the State Council's notice names whole
 * holidays (春节 2027-02-05…2027-02-13), so an administrator enters the range once, not day by day.
 * One transaction for the range with one audit row per date (each date's history stays readable),
 * then one refresh of open cases' deadlines.
 */
export const MAX_CALENDAR_RANGE_DAYS = 31;

type Meta = { ip?: string | null };
type Result<T> = { ok: true; value: T } | { ok: false; error: HotlineError };
const fail = (message: string): { ok: false; error: HotlineError } => ({
  ok: false,
  error: new HotlineError(ErrorCode.ValidationFailed, message),
});
const actorId = (a: Actor) => (isUuid(a.id) ? a.id : null);

/** The dates of the inclusive range, or why it is not acceptable. Pure. */
export function calendarRange(from: string, to: string): { ok: true; dates: string[] } | { ok: false; error: string } {
  if (!isIsoDate(from)) return { ok: false, error: 'from: not a calendar date (YYYY-MM-DD)' };
  if (!isIsoDate(to)) return { ok: false, error: 'to: not a calendar date (YYYY-MM-DD)' };
  if (to < from) return { ok: false, error: 'to: before from' };
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (dates.length === MAX_CALENDAR_RANGE_DAYS) {
      return { ok: false, error: `range: at most ${MAX_CALENDAR_RANGE_DAYS} days` };
    }
    dates.push(d);
  }
  return { ok: true, dates };
}

/** Sets the same override (holiday or make-up working day, with a name) on every date of a range. */
export async function setCalendarRange(
  repo: CaseRepository,
  range: { from: string; to: string; kind: CalendarOverride['kind']; name?: string },
  actor: Actor,
  meta: Meta = {},
): Promise<Result<{ dates: string[]; refreshed: number }>> {
  const r = calendarRange(range.from, range.to);
  if (!r.ok) return fail(r.error);
  const now = new Date(repo.clock.now());
  const after = { kind: range.kind, name: range.name ?? null };
  await repo.store.transaction(async (trx) => {
    const db = trx.withTables() as unknown as CasesDb;
    const before = await db
      .selectFrom('case_calendar_overrides')
      .select(['date', 'kind', 'name'])
      .where('date', '>=', range.from)
      .where('date', '<=', range.to)
      .execute();
    const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
    const beforeOf = new Map(before.map((b) => [day(b.date), { kind: b.kind, name: b.name }]));
    await db
      .insertInto('case_calendar_overrides')
      .values(r.dates.map((date) => ({ date, ...after, updated_at: now })) as never)
      .onConflict((oc) => oc.column('date').doUpdateSet({ ...after, updated_at: now } as never))
      .execute();
    for (const date of r.dates) {
      await writeAudit(trx, {
        actorId: actorId(actor),
        actorName: actor.name,
        action: 'case_calendar.set',
        targetType: 'case_calendar',
        targetId: date,
        ip: meta.ip ?? null,
        before: beforeOf.get(date) ?? null,
        after,
      });
    }
  });
  repo.invalidate();
  return { ok: true, value: { dates: r.dates, refreshed: await refreshOpenClocks(repo) } };
}

/** Removes every override in a range (back to the statutory calendar); dates without one are skipped. */
export async function clearCalendarRange(
  repo: CaseRepository,
  range: { from: string; to: string },
  actor: Actor,
  meta: Meta = {},
): Promise<Result<{ dates: string[]; refreshed: number }>> {
  const r = calendarRange(range.from, range.to);
  if (!r.ok) return fail(r.error);
  const removed = await repo.store.transaction(async (trx) => {
    const db = trx.withTables() as unknown as CasesDb;
    const rows = await db
      .deleteFrom('case_calendar_overrides')
      .where('date', '>=', range.from)
      .where('date', '<=', range.to)
      .returning(['date', 'kind', 'name'])
      .execute();
    const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
    const dates = rows.map((row) => ({ date: day(row.date), before: { kind: row.kind, name: row.name } }));
    dates.sort((a, b) => a.date.localeCompare(b.date));
    for (const d of dates) {
      await writeAudit(trx, {
        actorId: actorId(actor),
        actorName: actor.name,
        action: 'case_calendar.delete',
        targetType: 'case_calendar',
        targetId: d.date,
        ip: meta.ip ?? null,
        before: d.before,
        after: null,
      });
    }
    return dates.map((d) => d.date);
  });
  if (removed.length === 0) return { ok: true, value: { dates: [], refreshed: 0 } };
  repo.invalidate();
  return { ok: true, value: { dates: removed, refreshed: await refreshOpenClocks(repo) } };
}
