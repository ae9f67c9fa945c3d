import {
  ApiTokenCreateBody,
  ApiTokenCreated,
  ApiTokenSummary,
  CreateUserBody,
  Ok,
  UpdateUserBody,
  UserSummary,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import { type Selectable, type UsersTable, writeAudit } from '@hotline/store';
import { z } from 'zod';
import { toCurrentUser } from '../../accounts/accounts.ts';
import { hashPassword } from '../../accounts/password.ts';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';

const IdParams = z.object({ id: z.uuid() });
const summary = (u: Selectable<UsersTable>) => ({
  ...toCurrentUser(u),
  active: u.active,
  createdAt: new Date(u.created_at).toISOString(),
});
const publicUser = (u: Selectable<UsersTable>) => {
  const { password_hash: _, ...rest } = u;
  return rest;
};
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export const userRoutes: RouteModule = (app, table, { accounts, store }) => {
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/users',
    summary: 'List users',
    access: ['admin', 'supervisor'],
    response: z.object({ users: z.array(UserSummary) }),
    handler: async () => {
      const rows = await store.db.selectFrom('users').selectAll().orderBy('username').execute();
      return { users: rows.map(summary) };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/users',
    summary: 'Create a user',
    access: ['admin'],
    body: CreateUserBody,
    response: UserSummary,
    status: 201,
    handler: async ({ body, auth, meta }) =>
      store.transaction(async (trx) => {
        const u = await accounts.createUser(body, trx);
        const row = await trx.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
        await writeAudit(trx, {
          action: 'user.create',
          actorId: auth?.user.id,
          actorName: auth?.user.username,
          targetType: 'user',
          targetId: u.id,
          ip: meta.ip,
          after: publicUser(row),
        });
        return summary(row);
      }),
  });

  defineRoute(app, table, {
    method: 'PATCH',
    url: '/api/v1/users/:id',
    summary: 'Change a user (roles, department, active, password)',
    access: ['admin'],
    params: IdParams,
    body: UpdateUserBody,
    response: UserSummary,
    handler: async ({ params, body, auth, meta }) =>
      store.transaction(async (trx) => {
        const before = await trx.selectFrom('users').selectAll().where('id', '=', params.id).executeTakeFirst();
        if (!before) throw new HotlineError(ErrorCode.NotFound, 'no such user');
        const roles = body.roles ?? (before.roles as string[]);
        const dept = body.departmentId !== undefined ? body.departmentId : before.department_id;
        if (roles.includes('department') && !dept) {
          throw new HotlineError(ErrorCode.ValidationFailed, 'a department user needs a departmentId');
        }
        if (auth?.user.id === params.id && (body.active === false || (body.roles && !body.roles.includes('admin')))) {
          throw new HotlineError(ErrorCode.Conflict, 'you cannot deactivate yourself or drop your own admin role');
        }
        const after = await trx
          .updateTable('users')
          .set({
            ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
            ...(body.roles !== undefined ? { roles: body.roles } : {}),
            ...(body.departmentId !== undefined ? { department_id: body.departmentId } : {}),
            ...(body.locale !== undefined ? { locale: body.locale } : {}),
            ...(body.active !== undefined ? { active: body.active } : {}),
            ...(body.password !== undefined
              ? { password_hash: await hashPassword(body.password), must_change_password: true }
              : {}),
            updated_at: new Date(),
          })
          .where('id', '=', params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (body.active === false) await trx.deleteFrom('sessions').where('user_id', '=', params.id).execute();
        await writeAudit(trx, {
          action: 'user.update',
          actorId: auth?.user.id,
          actorName: auth?.user.username,
          targetType: 'user',
          targetId: params.id,
          ip: meta.ip,
          before: publicUser(before),
          after: publicUser(after),
        });
        return summary(after);
      }),
  });

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/tokens',
    summary: 'My API tokens',
    access: ['admin', 'supervisor', 'leader'],
    response: z.object({ tokens: z.array(ApiTokenSummary) }),
    handler: async ({ auth }) => {
      const rows = await store.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', auth?.user.id ?? '')
        .orderBy('created_at', 'desc')
        .execute();
      return {
        tokens: rows.map((r) => ({
          id: r.id,
          name: r.name,
          prefix: r.prefix,
          createdAt: new Date(r.created_at).toISOString(),
          lastUsedAt: iso(r.last_used_at),
          expiresAt: iso(r.expires_at),
          revokedAt: iso(r.revoked_at),
        })),
      };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/tokens',
    summary: 'Create an API token for integrations (shown once)',
    access: ['admin', 'supervisor', 'leader'],
    body: ApiTokenCreateBody,
    response: ApiTokenCreated,
    status: 201,
    handler: async ({ auth, body, meta }) => {
      const userId = auth?.user.id ?? '';
      const { row, token } = await accounts.createToken(userId, body.name, body.expiresInDays);
      await writeAudit(store.db, {
        action: 'token.create',
        actorId: userId,
        actorName: auth?.user.username,
        targetType: 'api_token',
        targetId: row.id,
        ip: meta.ip,
        after: { name: row.name, prefix: row.prefix },
      });
      return {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        createdAt: new Date(row.created_at).toISOString(),
        lastUsedAt: null,
        expiresAt: iso(row.expires_at),
        revokedAt: null,
        token,
      };
    },
  });

  defineRoute(app, table, {
    method: 'DELETE',
    url: '/api/v1/tokens/:id',
    summary: 'Revoke one of my API tokens (admins may revoke any)',
    access: ['admin', 'supervisor', 'leader'],
    params: IdParams,
    response: Ok,
    handler: async ({ auth, params, meta }) => {
      let q = store.db
        .updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('id', '=', params.id)
        .where('revoked_at', 'is', null);
      if (!auth?.user.roles.includes('admin')) q = q.where('user_id', '=', auth?.user.id ?? '');
      const r = await q.executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new HotlineError(ErrorCode.NotFound, 'no such active token');
      await writeAudit(store.db, {
        action: 'token.revoke',
        actorId: auth?.user.id,
        actorName: auth?.user.username,
        targetType: 'api_token',
        targetId: params.id,
        ip: meta.ip,
      });
      return { ok: true as const };
    },
  });
};
