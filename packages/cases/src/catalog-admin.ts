import { ErrorCode, HotlineError } from '@hotline/core';
import { sql, writeAudit } from '@hotline/store';
import type { Actor } from './actor.ts';
import { recomputeClocks } from './case-evolve.ts';
import type { CaseState, Urgency } from './case-model.ts';
import { partyRows } from './case-projection.ts';
import { type CaseRepository, type CasesDb, isUuid } from './case-repository.ts';
import { type Category, CategoryTree } from './category-tree.ts';
import { isValidDuration, type TimeLimit } from './time-limit.ts';
import { addDays, type CalendarOverride, type DayInfo, isIsoDate, type WorkingCalendar } from './working-calendar.ts';

/**
 * Administration of the catalog that case clocks depend on: the category tree (codes, names,
 * keywords, time limits per urgency) and the working-day calendar's overrides (a local holiday, a
 * make-up working day). Each edit is one transaction with its audit row (before/after), then every
 * repository of the process reloads (`invalidate`).
 *
 * Rules: a child's code extends its parent's (`01` → `0101` → `010101`), at most three levels; code
 * and parent are fixed once created (reports and Open311 service codes keep meaning the same thing),
 * so a category is retired with `active: false`, never deleted. A case keeps the time limit it was
 * registered with; calendar edits move the deadlines of open cases (decision 0200), which are
 * refreshed at once.
 */
export interface CategoryInput {
  code: string;
  parentCode: string | null;
  name: string;
  nameEn: string | null;
  keywords: string[];
  timeLimits: Partial<Record<Urgency, TimeLimit>>;
  active: boolean;
  sort: number;
}

export type CategoryPatch = Partial<Omit<CategoryInput, 'code' | 'parentCode'>>;

const CODE = /^[0-9A-Za-z]{1,12}$/;
type Meta = { ip?: string | null };
type Result<T> = { ok: true; value: T } | { ok: false; error: HotlineError };
const fail = (code: ErrorCode, message: string): { ok: false; error: HotlineError } => ({
  ok: false,
  error: new HotlineError(code, message),
});
const actorId = (a: Actor) => (isUuid(a.id) ? a.id : null);

type CategoryRow = {
  code: string;
  parent_code: string | null;
  name: string;
  name_en: string | null;
  keywords: string[];
  time_limits: unknown;
  active: boolean;
  sort: number;
};
const toCategory = (r: CategoryRow): Category & { sort: number } => ({
  code: r.code,
  parentCode: r.parent_code,
  name: r.name,
  nameEn: r.name_en,
  keywords: r.keywords,
  timeLimits: (typeof r.time_limits === 'string'
    ? JSON.parse(r.time_limits)
    : (r.time_limits ?? {})) as Category['timeLimits'],
  active: r.active,
  sort: r.sort,
});

/** Problems of a category edit against the whole tree, or none. Pure. */
export function categoryProblems(
  all: readonly Category[],
  next: Category,
  defaults: CategoryTree['defaults'],
): string[] {
  const out: string[] = [];
  if (!CODE.test(next.code)) out.push('code: 1–12 letters or digits');
  if (next.parentCode !== null && !next.code.startsWith(next.parentCode)) {
    out.push(`code: must extend the parent's code ${next.parentCode}`);
  }
  if (next.parentCode !== null && next.code === next.parentCode) out.push('code: must differ from the parent');
  for (const [u, t] of Object.entries(next.timeLimits)) {
    if (!t || !isValidDuration(t.sign) || !isValidDuration(t.finish)) out.push(`timeLimits.${u}: invalid duration`);
  }
  const tree = new CategoryTree([...all.filter((c) => c.code !== next.code), next], defaults);
  for (const p of tree.validate()) if (p.code === next.code) out.push(p.problem);
  return out;
}

async function loadCategories(db: CasesDb): Promise<(Category & { sort: number })[]> {
  const rows = await db.selectFrom('case_categories').selectAll().execute();
  return rows.map(toCategory);
}

/** Creates a category. */
export async function createCategory(
  repo: CaseRepository,
  input: CategoryInput,
  actor: Actor,
  meta: Meta = {},
): Promise<Result<Category & { sort: number }>> {
  const defaults = (await repo.context()).categories.defaults;
  const r = await repo.store.transaction(async (trx) => {
    const db = trx.withTables() as unknown as CasesDb;
    await sql`lock table case_categories in share row exclusive mode`.execute(db);
    const all = await loadCategories(db);
    if (all.some((c) => c.code === input.code)) return fail(ErrorCode.Conflict, `category ${input.code} exists`);
    const problems = categoryProblems(all, input, defaults);
    if (problems.length > 0) return fail(ErrorCode.ValidationFailed, problems.join('; '));
    await db
      .insertInto('case_categories')
      .values({
        code: input.code,
        parent_code: input.parentCode,
        name: input.name,
        name_en: input.nameEn,
        keywords: input.keywords,
        time_limits: JSON.stringify(input.timeLimits),
        active: input.active,
        sort: input.sort,
      } as never)
      .execute();
    await writeAudit(trx, {
      actorId: actorId(actor),
      actorName: actor.name,
      action: 'case_category.create',
      targetType: 'case_category',
      targetId: input.code,
      ip: meta.ip ?? null,
      before: null,
      after: input,
    });
    return { ok: true as const, value: { ...input } };
  });
  if (r.ok) repo.invalidate();
  return r;
}

/** Edits a category's name, keywords, time limits, active flag or order. */
export async function updateCategory(
  repo: CaseRepository,
  code: string,
  patch: CategoryPatch,
  actor: Actor,
  meta: Meta = {},
): Promise<Result<Category & { sort: number }>> {
  const defaults = (await repo.context()).categories.defaults;
  const r = await repo.store.transaction(async (trx) => {
    const db = trx.withTables() as unknown as CasesDb;
    await sql`lock table case_categories in share row exclusive mode`.execute(db);
    const all = await loadCategories(db);
    const before = all.find((c) => c.code === code);
    if (!before) return fail(ErrorCode.NotFound, `no category ${code}`);
    const after = { ...before, ...patch, code: before.code, parentCode: before.parentCode };
    const problems = categoryProblems(all, after, defaults);
    if (problems.length > 0) return fail(ErrorCode.ValidationFailed, problems.join('; '));
    await db
      .updateTable('case_categories')
      .set({
        name: after.name,
        name_en: after.nameEn,
        keywords: after.keywords,
        time_limits: JSON.stringify(after.timeLimits),
        active: after.active,
        sort: after.sort,
      } as never)
      .where('code', '=', code)
      .execute();
    await writeAudit(trx, {
      actorId: actorId(actor),
      actorName: actor.name,
      action: 'case_category.update',
      targetType: 'case_category',
      targetId: code,
      ip: meta.ip ?? null,
      before,
      after,
    });
    return { ok: true as const, value: after };
  });
  if (r.ok) repo.invalidate();
  return r;
}

/** Every category, inactive ones included, in display order. */
export async function listCategories(repo: CaseRepository): Promise<(Category & { sort: number })[]> {
  const all = await loadCategories(repo.db);
  return all.sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
}

/** The days of a year that are not plain weekdays/weekends: statutory holidays, 调休 and overrides. */
export function calendarYear(cal: WorkingCalendar, year: number): DayInfo[] {
  const out: DayInfo[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const info = cal.dayInfo(d);
    if (info.source === 'statutory' || info.source === 'override') out.push(info);
  }
  return out;
}

/** Sets (or replaces) the override of one date, then refreshes open cases' deadlines. */
export async function setCalendarOverride(
  repo: CaseRepository,
  o: CalendarOverride,
  actor: Actor,
  meta: Meta = {},
): Promise<Result<{ override: CalendarOverride; refreshed: number }>> {
  if (!isIsoDate(o.date)) return fail(ErrorCode.ValidationFailed, 'date: not a calendar date (YYYY-MM-DD)');
  const now = new Date(repo.clock.now());
  await repo.store.transaction(async (trx) => {
    const db = trx.withTables() as unknown as CasesDb;
    const before = await db
      .selectFrom('case_calendar_overrides')
      .select(['kind', 'name'])
      .where('date', '=', o.date)
      .executeTakeFirst();
    await db
      .insertInto('case_calendar_overrides')
      .values({ date: o.date, kind: o.kind, name: o.name ?? null, updated_at: now } as never)
      .onConflict((oc) =>
        oc.column('date').doUpdateSet({ kind: o.kind, name: o.name ?? null, updated_at: now } as never),
      )
      .execute();
    await writeAudit(trx, {
      actorId: actorId(actor),
      actorName: actor.name,
      action: 'case_calendar.set',
      targetType: 'case_calendar',
      targetId: o.date,
      ip: meta.ip ?? null,
      before: before ?? null,
      after: { kind: o.kind, name: o.name ?? null },
    });
  });
  repo.invalidate();
  return { ok: true, value: { override: o, refreshed: await refreshOpenClocks(repo) } };
}

/** Removes a date's override (back to the statutory calendar), then refreshes open cases' deadlines. */
export async function removeCalendarOverride(
  repo: CaseRepository,
  date: string,
  actor: Actor,
  meta: Meta = {},
): Promise<Result<{ refreshed: number }>> {
  if (!isIsoDate(date)) return fail(ErrorCode.ValidationFailed, 'date: not a calendar date (YYYY-MM-DD)');
  const r = await repo.store.transaction(async (trx) => {
    const db = trx.withTables() as unknown as CasesDb;
    const before = await db
      .deleteFrom('case_calendar_overrides')
      .where('date', '=', date)
      .returning(['kind', 'name'])
      .executeTakeFirst();
    if (!before) return fail(ErrorCode.NotFound, `no override on ${date}`);
    await writeAudit(trx, {
      actorId: actorId(actor),
      actorName: actor.name,
      action: 'case_calendar.delete',
      targetType: 'case_calendar',
      targetId: date,
      ip: meta.ip ?? null,
      before,
      after: null,
    });
    return { ok: true as const, value: null };
  });
  if (!r.ok) return r;
  repo.invalidate();
  return { ok: true, value: { refreshed: await refreshOpenClocks(repo) } };
}

/** Open cases per transaction while refreshing. */
const REFRESH_BATCH = 200;

/**
 * Recomputes the deadlines of every open case with the current calendar (as a replay would) and
 * rewrites the snapshot and party rows whose clocks moved; returns how many cases changed. Facts
 * fixed when they happened (on-time flags of accepted replies) are kept, as decision 0200 says.
 */
export async function refreshOpenClocks(repo: CaseRepository): Promise<number> {
  const ctx = await repo.context();
  let changed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const n = await repo.store.transaction(async (trx) => {
      const db = trx.withTables() as unknown as CasesDb;
      const rows = await db
        .selectFrom('cases')
        .select(['id', 'state'])
        .where('status', 'not in', ['closed', 'answered_directly'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(REFRESH_BATCH)
        .forUpdate()
        .execute();
      for (const row of rows) {
        const s = (typeof row.state === 'string' ? JSON.parse(row.state) : row.state) as CaseState;
        if (!Array.isArray(s?.parties)) continue; // not a folded case (bulk-loaded rows)
        const before = JSON.stringify(s.parties);
        recomputeClocks(s, ctx);
        if (JSON.stringify(s.parties) === before) continue;
        changed++;
        await db
          .updateTable('cases')
          .set({ state: JSON.stringify(s) } as never)
          .where('id', '=', s.id)
          .execute();
        for (const p of partyRows(s, ctx.rules)) {
          await db
            .updateTable('case_parties')
            .set({
              sign_deadline: p.sign_deadline,
              sign_warn_at: p.sign_warn_at,
              finish_deadline: p.finish_deadline,
              finish_warn_at: p.finish_warn_at,
            })
            .where('id', '=', p.id)
            .execute();
        }
      }
      if (rows.length > 0) after = rows.at(-1)!.id;
      return rows.length;
    });
    if (n < REFRESH_BATCH) return changed;
  }
}
