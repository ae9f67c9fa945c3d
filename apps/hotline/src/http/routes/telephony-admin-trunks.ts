import {
  TrunkCreateBody,
  TrunkParams,
  TrunkPatchBody,
  TrunkResponse,
  TrunksResponse,
  type TrunkView,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { FastifyInstance } from 'fastify';
import type { RouteTable } from '../define-route.ts';
import { type AdminDb, iso, type TelephonyAdminContext } from './telephony-admin-context.ts';
import { type AdminRow, adminCrudRoutes } from './telephony-admin-crud.ts';

type Row = AdminRow<'sip_trunks'>;

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
  adminCrudRoutes(app, table, ctx, {
    url: '/api/v1/admin/telephony/trunks',
    table: 'sip_trunks',
    key: 'id',
    name: 'trunk',
    label: 'trunk',
    targetType: 'sip_trunk',
    order: ['id'],
    summaries: {
      list: 'Carrier trunks (credentials shown only as set / not set)',
      create:
        'Add a carrier trunk: host/port/transport, inbound allow-list or registration, outbound credentials, caller-ID, area code, call limit',
      update: 'Change a trunk; passwords: omit to keep, null to clear, a value to set',
      remove: 'Remove a trunk (refused while outbound routes use it)',
    },
    schemas: {
      list: TrunksResponse,
      one: TrunkResponse,
      params: TrunkParams,
      create: TrunkCreateBody,
      patch: TrunkPatchBody,
    },
    views,
    newKey: (body) => body.id,
    insert: async (_db, body) => {
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
        password: body.password === null ? null : ctx.sealTrunkPassword(body.password),
        caller_id: body.callerId,
        area_code: body.areaCode,
        max_calls: body.maxCalls,
      };
      check(values);
      return values;
    },
    update: async (_db, body, before) => {
      const set = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.host !== undefined ? { host: body.host } : {}),
        ...(body.port !== undefined ? { port: body.port } : {}),
        ...(body.transport !== undefined ? { transport: body.transport } : {}),
        ...(body.allowFrom !== undefined ? { allow_from: body.allowFrom } : {}),
        ...(body.inboundUser !== undefined ? { inbound_user: body.inboundUser } : {}),
        ...(body.inboundPassword !== undefined ? { inbound_password: body.inboundPassword } : {}),
        ...(body.username !== undefined ? { username: body.username } : {}),
        ...(body.password !== undefined
          ? { password: body.password === null ? null : ctx.sealTrunkPassword(body.password) }
          : {}),
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
      return set;
    },
    // The inbound password is turned into HA1 by the database; the outbound one is kept encrypted
    // (the switch answers the carrier's challenges with it; decision 0309) and opened only for the
    // push to the switch. Neither is returned nor audited: views say only whether one is set.
    secrets: ['inboundPassword', 'password'],
    guardDelete: async (db, id) => {
      const routes = await db.selectFrom('sip_outbound_routes').select('pattern').where('trunk_id', '=', id).execute();
      if (routes.length > 0) {
        throw new HotlineError(
          ErrorCode.Conflict,
          `trunk ${id} is used by ${routes.length} outbound route(s) (${routes
            .map((r) => r.pattern)
            .join(', ')}): remove or move them first`,
        );
      }
    },
  });
}
