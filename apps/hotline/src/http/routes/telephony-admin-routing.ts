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
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import type { FastifyInstance } from 'fastify';
import type { RouteTable } from '../define-route.ts';
import { type AdminDb, iso, type TelephonyAdminContext } from './telephony-admin-context.ts';
import { type AdminRow, adminCrudRoutes } from './telephony-admin-crud.ts';

type DidRow = AdminRow<'sip_dids'>;
const didView = (r: DidRow): DidView => ({
  did: r.did,
  target: (typeof r.target === 'string' ? JSON.parse(r.target) : r.target) as DidTarget,
  record: r.record,
  createdAt: iso(r.created_at),
});
type RouteRow = AdminRow<'sip_outbound_routes'>;
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

/** DIDs (number → IVR flow, extension or ring group; recorded or not) and outbound routes (pattern → trunk, in order). */
export function routingAdminRoutes(app: FastifyInstance, table: RouteTable, ctx: TelephonyAdminContext): void {
  adminCrudRoutes(app, table, ctx, {
    url: '/api/v1/admin/telephony/dids',
    table: 'sip_dids',
    key: 'did',
    name: 'did',
    label: 'DID',
    targetType: 'sip_did',
    order: ['did'],
    summaries: {
      list: 'Access numbers (DIDs) and what each reaches',
      create: 'Add a DID: control flow, extension or ring group; recording on/off',
      update: "Change a DID's target or recording",
      remove: 'Remove a DID (calls to it are refused with 404 afterwards)',
    },
    schemas: { list: DidsResponse, one: DidResponse, params: DidParams, create: DidCreateBody, patch: DidPatchBody },
    views: async (_db, rows) => rows.map(didView),
    newKey: (body) => body.did,
    insert: async (db, body) => {
      await checkTarget(db, body.target);
      return { did: body.did, target: JSON.stringify(body.target), record: body.record };
    },
    update: async (db, body) => {
      if (body.target) await checkTarget(db, body.target);
      return {
        ...(body.target ? { target: JSON.stringify(body.target) } : {}),
        ...(body.record !== undefined ? { record: body.record } : {}),
      };
    },
  });

  adminCrudRoutes(app, table, ctx, {
    url: '/api/v1/admin/telephony/outbound-routes',
    table: 'sip_outbound_routes',
    key: 'id',
    name: 'route',
    label: 'outbound route',
    targetType: 'sip_outbound_route',
    order: ['position', 'id'],
    summaries: {
      list: 'Outbound routes in the order the switch tries them',
      create: 'Add an outbound route: a regular expression on the normalised number → a trunk',
      update: "Change an outbound route's pattern, trunk or position",
      remove: 'Remove an outbound route',
    },
    schemas: {
      list: OutboundRoutesResponse,
      one: OutboundRouteResponse,
      params: OutboundRouteParams,
      create: OutboundRouteCreateBody,
      patch: OutboundRoutePatchBody,
    },
    views: async (_db, rows) => rows.map(routeView),
    insert: async (db, body) => {
      await checkTrunk(db, body.trunkId);
      const last = await db
        .selectFrom('sip_outbound_routes')
        .select((eb) => eb.fn.max('position').as('p'))
        .executeTakeFirst();
      const position = body.position ?? (last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1);
      return { pattern: body.pattern, trunk_id: body.trunkId, position };
    },
    update: async (db, body) => {
      if (body.trunkId) await checkTrunk(db, body.trunkId);
      return {
        ...(body.pattern !== undefined ? { pattern: body.pattern } : {}),
        ...(body.trunkId !== undefined ? { trunk_id: body.trunkId } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
      };
    },
  });
}
