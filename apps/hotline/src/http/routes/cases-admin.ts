import {
  type CaseRepository,
  calendarYear,
  clearCalendarRange,
  createCategory,
  listCategories,
  removeCalendarOverride,
  setCalendarOverride,
  setCalendarRange,
  setClockRules,
  updateCategory,
} from '@hotline/cases';
import {
  CalendarChangeResponse,
  CalendarDateParams,
  CalendarOverrideBody,
  CalendarRangeBody,
  CalendarRangeQuery,
  CalendarRangeResponse,
  CalendarYearQuery,
  CalendarYearResponse,
  CategoriesResponse,
  CategoryCodeParams,
  CategoryCreateBody,
  CategoryPatchBody,
  CategoryResponse,
  ClockRulesBody,
  ClockRulesResponse,
  type Role,
} from '@hotline/contracts';
import type { HotlineError } from '@hotline/core';
import { defineRoute } from '../define-route.ts';
import { actorOf } from './cases.ts';
import { casesRepository } from './cases-repository.ts';
import type { RouteModule } from './module.ts';

const ADMIN: Role[] = ['admin'];
/** Supervisors read the catalog (time limits, the calendar) that their center's clocks run on. */
const READ: Role[] = ['admin', 'supervisor'];

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: HotlineError }): T {
  if (!r.ok) throw r.error;
  return r.value;
}

/** Today's view of one date after an edit. */
async function dayOf(repo: CaseRepository, date: string) {
  return (await repo.context()).calendar.dayInfo(date);
}

/**
 * Work-order catalog administration: the category tree (codes, time limits per urgency) and the
 * working-day calendar's overrides. Every change is audited and reloads the catalog of every
 * repository in the process; calendar changes also move open cases' deadlines.
 */
export const caseAdminRoutes: RouteModule = (app, table, deps) => {
  const repo = casesRepository(deps);

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/admin/case-categories',
    summary: 'The category tree, inactive categories included, with time limits per urgency',
    tags: ['cases', 'admin'],
    access: READ,
    response: CategoriesResponse,
    handler: async () => ({ categories: await listCategories(repo) }),
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/admin/case-categories',
    summary: "Add a category (a child's code extends its parent's; three levels at most)",
    tags: ['cases', 'admin'],
    access: ADMIN,
    body: CategoryCreateBody,
    response: CategoryResponse,
    status: 201,
    handler: async ({ body, auth, meta }) => ({
      category: unwrap(await createCategory(repo, body, actorOf(auth), { ip: meta.ip })),
    }),
  });

  defineRoute(app, table, {
    method: 'PATCH',
    url: '/api/v1/admin/case-categories/:code',
    summary: 'Rename a category, change its keywords, time limits, order, or retire it (active: false)',
    tags: ['cases', 'admin'],
    access: ADMIN,
    params: CategoryCodeParams,
    body: CategoryPatchBody,
    response: CategoryResponse,
    handler: async ({ params, body, auth, meta }) => ({
      category: unwrap(await updateCategory(repo, params.code, body, actorOf(auth), { ip: meta.ip })),
    }),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/admin/case-calendar',
    summary: "A year's statutory holidays, make-up working days (调休) and overrides",
    tags: ['cases', 'admin'],
    access: READ,
    query: CalendarYearQuery,
    response: CalendarYearResponse,
    handler: async ({ query }) => {
      const cal = (await repo.context()).calendar;
      const prefix = `${query.year}-`;
      return {
        year: query.year,
        statutoryCovered: cal.covers(query.year),
        overrides: cal.overrides
          .filter((o) => o.date.startsWith(prefix))
          .sort((a, b) => a.date.localeCompare(b.date))
          .map((o) => ({ date: o.date, kind: o.kind, name: o.name ?? null })),
        days: calendarYear(cal, query.year),
      };
    },
  });

  defineRoute(app, table, {
    method: 'PUT',
    url: '/api/v1/admin/case-calendar/:date',
    summary: "Override a date: a holiday, or a make-up working day; open cases' deadlines move",
    tags: ['cases', 'admin'],
    access: ADMIN,
    params: CalendarDateParams,
    body: CalendarOverrideBody,
    response: CalendarChangeResponse,
    handler: async ({ params, body, auth, meta }) => {
      const r = unwrap(
        await setCalendarOverride(
          repo,
          { date: params.date, kind: body.kind, ...(body.name ? { name: body.name } : {}) },
          actorOf(auth),
          { ip: meta.ip },
        ),
      );
      return { refreshed: r.refreshed, day: await dayOf(repo, params.date) };
    },
  });

  defineRoute(app, table, {
    method: 'DELETE',
    url: '/api/v1/admin/case-calendar/:date',
    summary: "Remove a date's override (back to the statutory calendar); open cases' deadlines move",
    tags: ['cases', 'admin'],
    access: ADMIN,
    params: CalendarDateParams,
    response: CalendarChangeResponse,
    handler: async ({ params, auth, meta }) => {
      const r = unwrap(await removeCalendarOverride(repo, params.date, actorOf(auth), { ip: meta.ip }));
      return { refreshed: r.refreshed, day: await dayOf(repo, params.date) };
    },
  });

  defineRoute(app, table, {
    method: 'PUT',
    url: '/api/v1/admin/case-calendar/range',
    summary: "Override every date of a range (≤ 31 days, e.g. a whole 春节); open cases' deadlines move",
    tags: ['cases', 'admin'],
    access: ADMIN,
    body: CalendarRangeBody,
    response: CalendarRangeResponse,
    handler: async ({ body, auth, meta }) =>
      unwrap(
        await setCalendarRange(
          repo,
          { from: body.from, to: body.to, kind: body.kind, ...(body.name ? { name: body.name } : {}) },
          actorOf(auth),
          { ip: meta.ip },
        ),
      ),
  });

  defineRoute(app, table, {
    method: 'DELETE',
    url: '/api/v1/admin/case-calendar/range',
    summary: "Remove the overrides of a range (≤ 31 days); open cases' deadlines move",
    tags: ['cases', 'admin'],
    access: ADMIN,
    query: CalendarRangeQuery,
    response: CalendarRangeResponse,
    handler: async ({ query, auth, meta }) =>
      unwrap(await clearCalendarRange(repo, query, actorOf(auth), { ip: meta.ip })),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/admin/case-clock-rules',
    summary: 'The clock rules (自次日起算, warning share) and the tree-wide default time limits',
    tags: ['cases', 'admin'],
    access: READ,
    response: ClockRulesResponse,
    handler: async () => {
      const ctx = await repo.context();
      return { rules: ctx.rules, defaults: ctx.categories.defaults, refreshed: 0 };
    },
  });

  defineRoute(app, table, {
    method: 'PUT',
    url: '/api/v1/admin/case-clock-rules',
    summary:
      "Count day-based limits from the next day (自次日起算) or from the dispatch day; open cases' deadlines move",
    tags: ['cases', 'admin'],
    access: ADMIN,
    body: ClockRulesBody,
    response: ClockRulesResponse,
    handler: async ({ body, auth, meta }) => {
      const r = await setClockRules(repo, body, actorOf(auth), { ip: meta.ip });
      return { ...r, defaults: (await repo.context()).categories.defaults };
    },
  });
};
