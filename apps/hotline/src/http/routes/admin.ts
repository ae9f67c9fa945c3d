import { AuditQuery, AuditRow, Department } from '@hotline/contracts';
import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { type DepartmentsTable, queryAudit, type Selectable, sql, writeAudit } from '@hotline/store';
import { z } from 'zod';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';

export const toDepartment = (d: Selectable<DepartmentsTable>): Department => ({
  id: d.id,
  parentId: d.parent_id,
  code: d.code,
  name: d.name,
  nameEn: d.name_en,
  kind: d.kind,
  regionCode: d.region_code,
  active: d.active,
});

const CreateDepartmentBody = z.object({
  parentId: z.uuid().nullable().default(null),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,32}$/),
  name: z.string().trim().min(1).max(64),
  nameEn: z.string().trim().max(128).nullable().default(null),
  kind: z.enum(['center', 'city', 'district', 'street', 'unit']),
  regionCode: z.string().max(16).nullable().default(null),
});

const Overview = z.object({
  database: z.enum(['pglite', 'postgres']),
  usersByRole: z.record(z.string(), z.number()),
  activeUsers: z.number(),
  departments: z.number(),
  activity: z.array(z.object({ day: z.string(), logins: z.number(), failures: z.number(), changes: z.number() })),
});

export const adminRoutes: RouteModule = (app, table, { store, clock }) => {
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/admin/overview',
    summary: 'System overview: users per role, departments, sign-in and change activity of the last 14 days',
    access: ['admin'],
    response: Overview,
    handler: async () => {
      const users = await store.db.selectFrom('users').select(['roles', 'active']).execute();
      const usersByRole: Record<string, number> = {};
      for (const u of users) if (u.active) for (const r of u.roles) usersByRole[r] = (usersByRole[r] ?? 0) + 1;
      const depts = await store.db
        .selectFrom('departments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const since = new Date(clock.now() - 13 * 86_400_000);
      since.setUTCHours(0, 0, 0, 0);
      const rows = await sql<{ day: string; logins: number; failures: number; changes: number }>`
        select to_char(date_trunc('day', at), 'YYYY-MM-DD') as day,
               count(*) filter (where action = 'auth.login')::int as logins,
               count(*) filter (where action in ('auth.login.failed', 'auth.login.locked'))::int as failures,
               count(*) filter (where action not like 'auth.%')::int as changes
        from audit_log where at >= ${since} group by 1 order by 1`.execute(store.db);
      const byDay = new Map(rows.rows.map((r) => [r.day, r]));
      const activity = Array.from({ length: 14 }, (_, i) => {
        const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
        const r = byDay.get(day);
        return { day, logins: r?.logins ?? 0, failures: r?.failures ?? 0, changes: r?.changes ?? 0 };
      });
      return {
        database: store.dialect,
        usersByRole,
        activeUsers: users.filter((u) => u.active).length,
        departments: Number(depts.n),
        activity,
      };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/audit',
    summary: 'Query the audit log (newest first; page with beforeId)',
    access: ['admin'],
    query: AuditQuery,
    response: z.object({ rows: z.array(AuditRow) }),
    handler: async ({ query }) => {
      const rows = await queryAudit(store.db, {
        ...query,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      });
      return {
        rows: rows.map((r) => ({
          id: String(r.id),
          at: new Date(r.at).toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          ip: r.ip,
          before: r.before,
          after: r.after,
          details: r.details,
        })),
      };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/departments',
    summary: 'The department tree (flat list with parentId)',
    access: ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader'],
    response: z.object({ departments: z.array(Department) }),
    handler: async () => {
      const rows = await store.db.selectFrom('departments').selectAll().orderBy('code').execute();
      return { departments: rows.map(toDepartment) };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/departments',
    summary: 'Create a department',
    access: ['admin'],
    body: CreateDepartmentBody,
    response: Department,
    status: 201,
    handler: async ({ body, auth, meta }) =>
      store.transaction(async (trx) => {
        if (await trx.selectFrom('departments').select('id').where('code', '=', body.code).executeTakeFirst()) {
          throw new HotlineError(ErrorCode.Conflict, `department code ${body.code} is taken`);
        }
        if (body.parentId) {
          const parent = await trx
            .selectFrom('departments')
            .select('id')
            .where('id', '=', body.parentId)
            .executeTakeFirst();
          if (!parent) throw new HotlineError(ErrorCode.ValidationFailed, 'body.parentId: no such department');
        }
        const row = await trx
          .insertInto('departments')
          .values({
            id: newId(),
            parent_id: body.parentId,
            code: body.code,
            name: body.name,
            name_en: body.nameEn,
            kind: body.kind,
            region_code: body.regionCode,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await writeAudit(trx, {
          action: 'department.create',
          actorId: auth?.user.id,
          actorName: auth?.user.username,
          targetType: 'department',
          targetId: row.id,
          ip: meta.ip,
          after: row,
        });
        return toDepartment(row);
      }),
  });
};
