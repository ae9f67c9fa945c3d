import {
  DidCreateBody,
  DidParams,
  DidPatchBody,
  DidResponse,
  DidsResponse,
  type DidTarget,
  type DidView,
  OutboundRouteCreateBody,
  OutboundRouteParams,
  OutboundRoutePatchBody,
  OutboundRouteResponse,
  OutboundRoutesResponse,
  type OutboundRouteView,
  TelephonyDeletedResponse,
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

type DidRow = { did: string; target: unknown; record: boolean; created_at: Date };
const didView = (r: DidRow): DidView => ({
  did: r.did,
  target: (typeof r.target === 'string' ? JSON.parse(r.target) : r.target) as DidTarget,
  record: r.record,
  createdAt: iso(r.created_at),
});
type RouteRow = { id: number; pattern: string; trunk_id: string; position: number };
const routeView = (r: RouteRow): OutboundRouteView => ({
  id: r.id,
  pattern: r.pattern,
  trunkId: r.trunk_id,
  position: r.position,
});

/** Every extension a target names must exist. */
async function checkTarget(db: AdminDb, t: DidTarget): Promise<void> {
  const wanted = t.type === 'extension' ? [t.extension] : t.type === 'group' ? t.extensions : [];
  if (wanted.length === 0) return;
  const found = await db.selectFrom('sip_extensions').select('extension').where('extension', 'in', wanted).execute();
  const have = new Set(found.map((f) => f.extension));
  const missing = wanted.filter((w) => !have.has(w));
  if (missing.length > 0) {
    throw new HotlineError(ErrorCode.ValidationFailed, `body.target: no extension ${missing.join(', ')}`);
  }
}

async function checkTrunk(db: AdminDb, id: string): Promise<void> {
  if (!(await db.selectFrom('sip_trunks').select('id').where('id', '=', id).executeTakeFirst())) {
    throw new HotlineError(ErrorCode.ValidationFailed, `body.trunkId: no trunk ${id}`);
  }
}

async function oneDid(db: AdminDb, did: string): Promise<DidRow> {
  const r = await db.selectFrom('sip_dids').selectAll().where('did', '=', did).executeTakeFirst();
  if (!r) throw new HotlineError(ErrorCode.NotFound, `no DID ${did}`);
  return r;
}

async function oneRoute(db: AdminDb, id: number): Promise<RouteRow> {
  const r = await db.selectFrom('sip_outbound_routes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new HotlineError(ErrorCode.NotFound, `no outbound route ${id}`);
  return r;
}

/** DIDs (number → IVR flow, extension or ring group; recorded or not) and outbound routes (pattern → trunk, in order). */
export function routingAdminRoutes(app: FastifyInstance, table: RouteTable, ctx: TelephonyAdminContext): void {
  const { store } = ctx;
  const dids = '/api/v1/admin/telephony/dids';
  const routes = '/api/v1/admin/telephony/outbound-routes';

  defineRoute(app, table, {
    method: 'GET',
    url: dids,
    summary: 'Access numbers (DIDs) and what each reaches',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    response: DidsResponse,
    handler: async () => ({
      dids: (await tables(store.db).selectFrom('sip_dids').selectAll().orderBy('did').execute()).map(didView),
    }),
  });

  defineRoute(app, table, {
    method: 'POST',
    url: dids,
    summary: 'Add a DID: control flow, extension or ring group; recording on/off',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    body: DidCreateBody,
    response: DidResponse,
    status: 201,
    handler: async ({ body, auth, meta }) => {
      const did = await store.transaction(async (trx) => {
        const db = tables(trx);
        if (await db.selectFrom('sip_dids').select('did').where('did', '=', body.did).executeTakeFirst()) {
          throw new HotlineError(ErrorCode.Conflict, `DID ${body.did} exists`);
        }
        await checkTarget(db, body.target);
        const row = await db
          .insertInto('sip_dids')
          .values({ did: body.did, target: JSON.stringify(body.target), record: body.record })
          .returningAll()
          .executeTakeFirstOrThrow();
        const v = didView(row);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.did.create',
            targetType: 'sip_did',
            targetId: v.did,
            after: v,
          },
        );
        return v;
      });
      return { did, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'PATCH',
    url: `${dids}/:did`,
    summary: "Change a DID's target or recording",
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    params: DidParams,
    body: DidPatchBody,
    response: DidResponse,
    handler: async ({ params, body, auth, meta }) => {
      const did = await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = didView(await oneDid(db, params.did));
        if (body.target) await checkTarget(db, body.target);
        const row = await db
          .updateTable('sip_dids')
          .set({
            ...(body.target ? { target: JSON.stringify(body.target) } : {}),
            ...(body.record !== undefined ? { record: body.record } : {}),
          })
          .where('did', '=', params.did)
          .returningAll()
          .executeTakeFirstOrThrow();
        const v = didView(row);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.did.update',
            targetType: 'sip_did',
            targetId: v.did,
            before,
            after: v,
          },
        );
        return v;
      });
      return { did, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'DELETE',
    url: `${dids}/:did`,
    summary: 'Remove a DID (calls to it are refused with 404 afterwards)',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    params: DidParams,
    response: TelephonyDeletedResponse,
    handler: async ({ params, auth, meta }) => {
      await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = didView(await oneDid(db, params.did));
        await db.deleteFrom('sip_dids').where('did', '=', params.did).execute();
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.did.delete',
            targetType: 'sip_did',
            targetId: params.did,
            before,
          },
        );
      });
      return { deleted: params.did, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'GET',
    url: routes,
    summary: 'Outbound routes in the order the switch tries them',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    response: OutboundRoutesResponse,
    handler: async () => ({
      routes: (
        await tables(store.db).selectFrom('sip_outbound_routes').selectAll().orderBy('position').orderBy('id').execute()
      ).map(routeView),
    }),
  });

  defineRoute(app, table, {
    method: 'POST',
    url: routes,
    summary: 'Add an outbound route: a regular expression on the normalised number → a trunk',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    body: OutboundRouteCreateBody,
    response: OutboundRouteResponse,
    status: 201,
    handler: async ({ body, auth, meta }) => {
      const route = await store.transaction(async (trx) => {
        const db = tables(trx);
        await checkTrunk(db, body.trunkId);
        const last = await db
          .selectFrom('sip_outbound_routes')
          .select((eb) => eb.fn.max('position').as('p'))
          .executeTakeFirst();
        const position = body.position ?? (last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1);
        const row = await db
          .insertInto('sip_outbound_routes')
          .values({ pattern: body.pattern, trunk_id: body.trunkId, position })
          .returningAll()
          .executeTakeFirstOrThrow();
        const v = routeView(row);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.route.create',
            targetType: 'sip_outbound_route',
            targetId: String(v.id),
            after: v,
          },
        );
        return v;
      });
      return { route, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'PATCH',
    url: `${routes}/:id`,
    summary: "Change an outbound route's pattern, trunk or position",
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    params: OutboundRouteParams,
    body: OutboundRoutePatchBody,
    response: OutboundRouteResponse,
    handler: async ({ params, body, auth, meta }) => {
      const route = await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = routeView(await oneRoute(db, params.id));
        if (body.trunkId) await checkTrunk(db, body.trunkId);
        const row = await db
          .updateTable('sip_outbound_routes')
          .set({
            ...(body.pattern !== undefined ? { pattern: body.pattern } : {}),
            ...(body.trunkId !== undefined ? { trunk_id: body.trunkId } : {}),
            ...(body.position !== undefined ? { position: body.position } : {}),
          })
          .where('id', '=', params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const v = routeView(row);
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.route.update',
            targetType: 'sip_outbound_route',
            targetId: String(v.id),
            before,
            after: v,
          },
        );
        return v;
      });
      return { route, switch: ctx.push() };
    },
  });

  defineRoute(app, table, {
    method: 'DELETE',
    url: `${routes}/:id`,
    summary: 'Remove an outbound route',
    tags: ['telephony', 'admin'],
    access: TELEPHONY_ADMIN,
    params: OutboundRouteParams,
    response: TelephonyDeletedResponse,
    handler: async ({ params, auth, meta }) => {
      await store.transaction(async (trx) => {
        const db = tables(trx);
        const before = routeView(await oneRoute(db, params.id));
        await db.deleteFrom('sip_outbound_routes').where('id', '=', params.id).execute();
        await auditChange(
          trx,
          { auth, ...meta },
          {
            action: 'telephony.route.delete',
            targetType: 'sip_outbound_route',
            targetId: String(params.id),
            before,
          },
        );
      });
      return { deleted: String(params.id), switch: ctx.push() };
    },
  });
}
