import { AuditQuery, AuditRow, Department } from '@hotline/contracts';
import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { type DepartmentsTable, queryAudit, type Selectable, writeAudit } from '@hotline/store';
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

export const adminRoutes: RouteModule = (app, table, { store }) => {
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
