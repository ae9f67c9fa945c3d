import {
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type CasesTables,
  canView,
  centerQueue,
  deadlineFrom,
  departmentQueue,
  METRIC_FORMULAS,
  metricReportSql,
  viewFor,
} from '@hotline/cases';
import {
  CaseCommandBody,
  CaseIdParams,
  CaseRegisterBody,
  CaseResponse,
  CenterQueueQuery,
  DeadlinePreviewQuery,
  DeadlinePreviewResponse,
  DepartmentQueueQuery,
  FollowQuery,
  FollowResponse,
  MetricsQuery,
  MetricsResponse,
  PublicSubmitBody,
  PublicSubmitResponse,
  QueueResponse,
  type Role,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import { z } from 'zod';
import type { AuthContext } from '../../accounts/accounts.ts';
import { defineRoute } from '../define-route.ts';
import { casesRepository } from './cases-repository.ts';
import type { RouteModule } from './module.ts';

/** Party states whose clocks still run. */
const OPEN_PARTY = ['to_sign', 'in_progress', 'delegated', 'returned', 'replied'];
const ALL: Role[] = ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'];
const CENTER: Role[] = ['admin', 'supervisor', 'agent'];
const PUBLIC_ACTOR: Actor = { id: 'public', name: '市民', roles: ['public'], departmentId: null };

export function actorOf(auth: AuthContext | null): Actor {
  if (!auth) return PUBLIC_ACTOR;
  const u = auth.user;
  return { id: u.id, name: u.displayName, roles: u.roles, departmentId: u.departmentId };
}

function unwrap(r: { ok: true; state: CaseState } | { ok: false; error: HotlineError }): CaseState {
  if (!r.ok) throw r.error;
  return r.state;
}

/** Events as a department user may see them: a confidential caller's intake is masked. */
function eventsFor(actor: Actor, s: CaseState, events: CaseEvent[]): CaseEvent[] {
  const masked = viewFor(actor, s);
  if (masked === s) return events;
  return events.map((e) => (e.type === 'registered' ? { ...e, intake: masked.intake } : e));
}

/** Public progress steps shown to a citizen following a case (no names, no internal notes). */
const PUBLIC_STEPS: Partial<Record<CaseEvent['type'], string>> = {
  registered: '已受理',
  answered_directly: '已答复',
  dispatched: '已派单',
  signed: '承办单位已签收',
  reply_reviewed: '承办单位已回复',
  reopened: '重新办理',
  closed: '已办结',
};

export const caseRoutes: RouteModule = (app, table, deps) => {
  const repo = casesRepository(deps);
  const visible = async (id: string, actor: Actor): Promise<CaseState> => {
    const s = await repo.get(id);
    // A case outside the caller's view is reported as missing, so ids cannot be probed.
    if (!s || !canView(actor, s)) throw new HotlineError(ErrorCode.NotFound, 'case not found');
    return s;
  };

  /**
   * The center lists carry no party columns; the work-list screens show each case's nearest open
   * clocks and its departments, so add them from `case_parties` (one query per page).
   */
  const withOpenClocks = async <T extends { caseId: string }>(items: T[]) => {
    if (items.length === 0) return items;
    const rows = await repo.db
      .withTables<CasesTables>()
      .selectFrom('case_parties')
      .select(['case_id', 'department_id', 'role', 'status', 'sign_deadline', 'finish_deadline'])
      .where(
        'case_id',
        'in',
        items.map((i) => i.caseId),
      )
      .where('status', 'not in', ['withdrawn'])
      .execute();
    const ctx = await repo.context();
    return items.map((i) => {
      const mine = rows.filter((r) => r.case_id === i.caseId);
      const open = mine.filter((r) => OPEN_PARTY.includes(r.status));
      const min = (xs: Date[]) => (xs.length ? Math.min(...xs.map((d) => new Date(d).getTime())) : null);
      return {
        ...i,
        signDeadline: min(open.filter((r) => r.status === 'to_sign').map((r) => r.sign_deadline)),
        finishDeadline: min(open.map((r) => r.finish_deadline)),
        departments: mine.map((r) => ({
          name: ctx.departments.get(r.department_id)?.name ?? r.department_id,
          role: r.role,
          status: r.status,
        })),
      };
    });
  };

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/cases',
    summary:
      'Register a case (工单登记), optionally linked to calls/recordings and an open incident in the same transaction',
    tags: ['cases'],
    access: CENTER,
    body: CaseRegisterBody,
    response: CaseResponse,
    status: 201,
    handler: async ({ body, auth, meta }) => {
      const { links, incidentId, ...intake } = body;
      return { case: unwrap(await repo.register(intake, actorOf(auth), { ip: meta.ip }, { links, incidentId })) };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/cases',
    summary: "The center's work lists (to dispatch, returned, extension, to review, callback, overdue)",
    tags: ['cases'],
    access: ['admin', 'supervisor', 'agent', 'qa', 'leader'],
    query: CenterQueueQuery,
    response: QueueResponse,
    handler: async ({ query }) => {
      const page = await centerQueue(
        repo.db,
        query.queue,
        { limit: query.limit, offset: query.offset },
        deps.clock.now(),
      );
      return { ...page, items: await withOpenClocks(page.items) };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/department/cases',
    summary: "The caller's department queue (to sign, in progress, due soon, overdue, returned, to review)",
    tags: ['cases'],
    access: ['department'],
    query: DepartmentQueueQuery,
    response: QueueResponse,
    handler: async ({ query, auth }) => {
      const dept = auth?.user.departmentId;
      if (!dept) throw new HotlineError(ErrorCode.Forbidden, 'the account has no department');
      return departmentQueue(
        repo.db,
        dept,
        query.queue,
        { limit: query.limit, offset: query.offset },
        deps.clock.now(),
      );
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/cases/:id',
    summary: 'One case (department users: only their own; confidential numbers masked)',
    tags: ['cases'],
    access: ALL,
    params: CaseIdParams,
    response: CaseResponse,
    handler: async ({ params, auth }) => {
      const actor = actorOf(auth);
      return { case: viewFor(actor, await visible(params.id, actor)) };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/cases/:id/events',
    summary: "The case's event log (immutable)",
    tags: ['cases'],
    access: ALL,
    params: CaseIdParams,
    response: z.object({ events: z.array(z.looseObject({ type: z.string(), at: z.number() })) }),
    handler: async ({ params, auth }) => {
      const actor = actorOf(auth);
      const s = await visible(params.id, actor);
      return { events: eventsFor(actor, s, await repo.events(params.id)) };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/cases/:id/commands',
    summary: 'Act on a case: dispatch, sign, return, arbitrate, reply, review, extend, callback, reopen, close …',
    tags: ['cases'],
    access: ALL,
    params: CaseIdParams,
    body: CaseCommandBody,
    response: CaseResponse,
    handler: async ({ params, body, auth, meta }) => {
      const actor = actorOf(auth);
      await visible(params.id, actor);
      const s = unwrap(await repo.execute(params.id, body as CaseCommand, actor, { ip: meta.ip }));
      return { case: viewFor(actor, s) };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/case-metrics',
    summary: '及时签收率, 按时办结率, 退单率, 回访率, 回访满意率, 解决率 with 环比 and 同比, formulas included',
    tags: ['cases'],
    access: ['admin', 'supervisor', 'leader'],
    query: MetricsQuery,
    response: MetricsResponse,
    handler: async ({ query }) => {
      const ctx = await repo.context();
      const level = query.categoryLevel;
      const rows = await metricReportSql(
        repo.db,
        {
          from: Date.parse(query.from),
          to: Date.parse(query.to),
          groupBy: query.groupBy,
          periodUnit: query.periodUnit,
          categoryKey: (code) => ctx.categories.path(code)[level - 1]?.code ?? code,
          asOf: deps.clock.now(),
        },
        ctx.calendar,
      );
      const regionName = (code: string) =>
        ctx.departments.all().find((d) => d.regionCode === code && (d.kind === 'district' || d.kind === 'street'))
          ?.name;
      const label = (key: string) =>
        query.groupBy === 'department'
          ? (ctx.departments.get(key)?.name ?? key)
          : query.groupBy === 'category'
            ? (ctx.categories.get(key)?.name ?? key)
            : query.groupBy === 'region'
              ? (regionName(key) ?? key)
              : key;
      return { formulas: METRIC_FORMULAS, rows: rows.map((r) => ({ ...r, label: label(r.key) })) };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/case-catalog',
    summary: 'Category tree (with time limits) and departments for case forms',
    tags: ['cases'],
    access: 'authenticated',
    handler: async () => {
      const ctx = await repo.context();
      return {
        categories: ctx.categories.all(),
        departments: ctx.departments.all().filter((d) => d.active),
        calendarYears: ctx.calendar.statutoryYears,
        defaultLimits: ctx.categories.defaults,
      };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/case-catalog/deadline',
    summary: 'The time limit of a category and urgency, and its deadlines if dispatched now (working-day calendar)',
    tags: ['cases'],
    access: CENTER,
    query: DeadlinePreviewQuery,
    response: DeadlinePreviewResponse,
    handler: async ({ query }) => {
      const ctx = await repo.context();
      if (!ctx.categories.get(query.categoryCode)) {
        throw new HotlineError(ErrorCode.ValidationFailed, 'categoryCode: unknown');
      }
      const limit = ctx.categories.timeLimit(query.categoryCode, query.urgency);
      const now = deps.clock.now();
      return {
        timeLimit: limit,
        signDeadline: deadlineFrom(ctx.calendar, now, limit.sign, ctx.rules),
        finishDeadline: deadlineFrom(ctx.calendar, now, limit.finish, ctx.rules),
      };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/public/case-catalog',
    summary: 'Citizen portal: the active categories and districts/streets for the submit form',
    tags: ['portal'],
    access: 'public',
    handler: async () => {
      const ctx = await repo.context();
      const regions = ctx.departments
        .all()
        .filter((d) => d.active && d.regionCode && (d.kind === 'district' || d.kind === 'street'));
      return {
        categories: ctx.categories
          .all()
          .filter((c) => c.active)
          .map((c) => ({ code: c.code, parentCode: c.parentCode, name: c.name, nameEn: c.nameEn })),
        regions: regions.map((d) => ({
          code: d.regionCode!,
          name: d.name,
          kind: d.kind,
          parentCode: d.parentId ? (ctx.departments.get(d.parentId)?.regionCode ?? null) : null,
        })),
      };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/public/cases',
    summary: 'Citizen portal: submit a case',
    tags: ['portal'],
    access: 'public',
    body: PublicSubmitBody,
    response: PublicSubmitResponse,
    status: 201,
    handler: async ({ body, meta }) => {
      const s = unwrap(
        await repo.register({ ...body, channel: 'web', attachments: [] }, PUBLIC_ACTOR, { ip: meta.ip }),
      );
      return { number: s.number };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/public/cases/follow',
    summary: 'Citizen portal: follow a case by number plus the phone it was registered with',
    tags: ['portal'],
    access: 'public',
    query: FollowQuery,
    response: FollowResponse,
    handler: async ({ query }) => {
      const s = await repo.getByNumber(query.number.trim());
      // Same answer for "no such number" and "wrong phone": numbers cannot be enumerated.
      if (!s?.intake.caller.phone || s.intake.caller.phone !== query.phone.trim()) {
        throw new HotlineError(ErrorCode.NotFound, 'no case with this number and phone');
      }
      const events = await repo.events(s.id);
      const timeline = events
        .filter((e) => PUBLIC_STEPS[e.type] && (e.type !== 'reply_reviewed' || e.accepted))
        .map((e) => ({
          at: new Date(e.at).toISOString(),
          kind: e.type,
          step: PUBLIC_STEPS[e.type]!,
          text: e.type === 'answered_directly' ? e.answer : null,
        }));
      return { number: s.number, status: s.status, createdAt: new Date(s.createdAt).toISOString(), timeline };
    },
  });
};
