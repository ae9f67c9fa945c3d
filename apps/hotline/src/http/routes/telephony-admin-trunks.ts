import {
  TelephonyDeletedResponse,
  TrunkCreateBody,
  TrunkParams,
  TrunkPatchBody,
  TrunkResponse,
  TrunksResponse,
  type TrunkView,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { FastifyInstance } from 'fastify';
import { defineRoute, type RouteTable } from '../define-route.ts';
import {
  type AdminDb,
  auditChange,
  iso,
  TELEPHONY_ADMIN,
  type TelephonyAdminContext,
  tables,
} from './telephony-admin-context.ts';

type Row = {
  id: string;
  name: string;
  host: string;
  port: number;
  transport: string;
  allow_from: string[];
  inbound_user: string | null;
  inbound_password: string | null;
  username: string | null;
  password: string | null;
  caller_id: string;
  area_code: string;
  max_calls: number;
  created_at: Date;
};

async function views(db: AdminDb, rows: Row[]): Promise<TrunkView[]> {
  const counts = await db
    .selectFrom('sip_outbound_routes')
    .select(['trunk_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('trunk_id')
    .execute();
  const routes = new Map(counts.map((c) => [c.trunk_id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    transport: r.transport as 'udp' | 'tcp',
    allowFrom: r.allow_from,
    inboundUser: r.inbound_user,
    inboundPasswordSet: !!r.inbound_password,
    username: r.username,
    passwordSet: !!r.password,
    callerId: r.caller_id,
    areaCode: r.area_code,
    maxCalls: r.max_calls,
    routes: routes.get(r.id) ?? 0,
    createdAt: iso(r.created_at),
  }));
}

async function one(db: AdminDb, id: string): Promise<Row> {
  const r = await db.selectFrom('sip_trunks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new HotlineError(ErrorCode.NotFound, `no trunk ${id}`);
  return r;
}

/**
 * A trunk must be reachable inbound somehow: by address (allow-list) or by registration (user and
 * password together); outbound credentials need a user name when a password is set.
 */
export function trunkProblems(t: {
  allow_from: string[];
  inbound_user: string | null;
  inbound_password: string | null;
  username: string | null;
  password: string | null;
}): string[] {
  const p: string[] = [];
  if (!!t.inbound_user !== !!t.inbound_password) {
    p.push('inboundUser and inboundPassword: set both (registration) or neither (allow-list only)');
  }
  if (t.allow_from.length === 0 && !t.inbound_user) {
    p.push('allowFrom: list the carrier addresses, or set inboundUser/inboundPassword for inbound by registration');
  }
  if (t.password && !t.username) p.push('username: required with an outbound password');
  return p;
}

function check(t: Parameters<typeof trunkProblems>[0]): void {
  const p = trunkProblems(t);
  if (p.length > 0) throw new HotlineError(ErrorCode.ValidationFailed, p.join('; '), { issues: p });
}

export function trunkAdminRoutes(app: FastifyInstance, table: RouteTable, ctx: TelephonyAdminContext): void {
  const { store } = ctx;
  const base = '/api/v1/admin/telephony/trunks';

  defineRoute(app, table, {
    method: 'GET',
    url: base,
    summary: 'Carrier trunks (credentials shown only as set / not set)',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    response: TrunksResponse,
    handler: async () => {
      const db = tables(store.db);
      return { trunks: await views(db, await db.selectFrom('sip_trunks').selectAll().orderBy('id').execute()) };
    },
  });

  defineRoute(app, table, {
    method: 'POST',
    url: base,
    summary:
      'Add a carrier trunk: host/port/transport, inbound allow-list or registration, outbound credentials, caller-ID, area code, call limit',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    body: TrunkCreateBody,
    response: TrunkResponse,
    status: 201,
    handler: async ({ body, auth, meta }) => {
      const trunk = await store.transaction(async (trx) => {
        const db = tables(trx);
        if (await db.selectFrom('sip_trunks').select('id').where('id', '=', body.id).executeTakeFirst()) {
          throw new HotlineError(ErrorCode.Conflict, `trunk ${body.id} exists`);
        }
        const values = {
          id: body.id,
          name: body.name,
          host: body.host,
          port: body.port,
          transport: body.transport,
          allow_from: body.allowFrom,
          inbound_user: body.inboundUser,
          inbound_password: body.inboundPassword,
          username: body.username,
          password: body.password,
          caller_id: body.callerId,
          area_code: body.areaCode,
          max_calls: body.maxCalls,
        };
        check(values);
        const row = await db.insertInto('sip_trunks').values(values).returningAll().executeTakeFirstOrThrow();
        const [v] = await views(db, [row]);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.trunk.create',
            targetType: 'sip_trunk',
            targetId: row.id,
            after: v,
          },
        );
        return v!;
      });
      return { trunk, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'PATCH',
    url: `${base}/:id`,
    summary: 'Change a trunk; passwords: omit to keep, null to clear, a value to set',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    params: TrunkParams,
    body: TrunkPatchBody,
    response: TrunkResponse,
    handler: async ({ params, body, auth, meta }) => {
      const trunk = await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = await one(db, params.id);
        const set = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.host !== undefined ? { host: body.host } : {}),
          ...(body.port !== undefined ? { port: body.port } : {}),
          ...(body.transport !== undefined ? { transport: body.transport } : {}),
          ...(body.allowFrom !== undefined ? { allow_from: body.allowFrom } : {}),
          ...(body.inboundUser !== undefined ? { inbound_user: body.inboundUser } : {}),
          ...(body.inboundPassword !== undefined ? { inbound_password: body.inboundPassword } : {}),
          ...(body.username !== undefined ? { username: body.username } : {}),
          ...(body.password !== undefined ? { password: body.password } : {}),
          ...(body.callerId !== undefined ? { caller_id: body.callerId } : {}),
          ...(body.areaCode !== undefined ? { area_code: body.areaCode } : {}),
          ...(body.maxCalls !== undefined ? { max_calls: body.maxCalls } : {}),
        };
        // The stored hash includes the user name (decision 0305): a new name needs the password again.
        if (set.inbound_user && set.inbound_user !== before.inbound_user && body.inboundPassword === undefined) {
          throw new HotlineError(
            ErrorCode.ValidationFailed,
            'inboundPassword: required when inboundUser changes (the stored hash includes the user name)',
          );
        }
        check({ ...before, ...set });
        const row = await db
          .updateTable('sip_trunks')
          .set(set)
          .where('id', '=', params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const [b, a] = await views(db, [before, row]);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.trunk.update',
            targetType: 'sip_trunk',
            targetId: row.id,
            before: b,
            after: a,
            details: {
              inboundPasswordChanged: body.inboundPassword !== undefined,
              passwordChanged: body.password !== undefined,
            },
          },
        );
        return a!;
      });
      return { trunk, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'DELETE',
    url: `${base}/:id`,
    summary: 'Remove a trunk (refused while outbound routes use it)',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    params: TrunkParams,
    response: TelephonyDeletedResponse,
    handler: async ({ params, auth, meta }) => {
      await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = await one(db, params.id);
        const routes = await db
          .selectFrom('sip_outbound_routes')
          .select('pattern')
          .where('trunk_id', '=', params.id)
          .execute();
        if (routes.length > 0) {
          throw new HotlineError(
            ErrorCode.Conflict,
            `trunk ${params.id} is used by ${routes.length} outbound route(s) (${routes
              .map((r) => r.pattern)
              .join(', ')}): remove or move them first`,
          );
        }
        const [b] = await views(db, [before]);
        await db.deleteFrom('sip_trunks').where('id', '=', params.id).execute();
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.trunk.delete',
            targetType: 'sip_trunk',
            targetId: params.id,
            before: b,
          },
        );
      });
      return { deleted: params.id, switch: ctx.push() };
    },
  });
}
