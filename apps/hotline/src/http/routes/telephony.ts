import { CdrQuery, CdrsResponse } from '@hotline/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerTelephonyDemo } from '../../switch/demo-telephony.ts';
import { TelephonyService } from '../../switch/telephony-service.ts';
import { telephonyDb } from '../../switch/telephony-store.ts';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';
import { RECORDING_ROLES, telephonyRecordingsRoutes } from './telephony-recordings.ts';
import { registerCallHistoryDemo } from './telephony-recordings-demo.ts';
import { searchCdrs, type TelephonyDb } from './telephony-recordings-query.ts';

// The demo seeders must be registered before control seeds the demo (at import time): the
// switch configuration first, then the call history that refers to its extensions.
registerTelephonyDemo();
registerCallHistoryDemo();

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** How long the status page waits for a fresh snapshot before showing the last one. */
const STATUS_SNAPSHOT_WAIT_MS = 3_000;

const services = new WeakMap<FastifyInstance, TelephonyService>();
const pushes = new WeakMap<TelephonyService, Promise<void>>();

/** The call-control client of this HTTP server (created by `telephonyRoutes`, which runs first). */
export function telephonyServiceOf(app: FastifyInstance): TelephonyService {
  const s = services.get(app);
  if (!s) throw new Error('telephonyRoutes must be registered before the modules that use the switch');
  return s;
}

/**
 * Sends the stored configuration to the switch after a change. Pushes run one after another, each
 * reading the database when its turn comes, so the last push always carries the last committed
 * change. While the switch is away the command waits in the client and the configuration is sent
 * again on reconnect anyway. Returns whether the switch is connected now.
 */
export function pushSwitchConfig(service: TelephonyService, onError: (e: unknown) => void): { connected: boolean } {
  const prev = pushes.get(service) ?? Promise.resolve();
  const next = prev.then(() => service.pushConfig()).catch(onError);
  pushes.set(service, next);
  return { connected: service.client.isOpen };
}

/** Waits for the pushes queued so far (tests). */
export function pushesSettled(service: TelephonyService): Promise<void> {
  return pushes.get(service) ?? Promise.resolve();
}

/**
 * Telephony: starts control's call-control client to the switch with the HTTP server, and
 * serves CDRs, alerts, the live switch status and the recordings (`telephony-recordings.ts`).
 */
export const telephonyRoutes: RouteModule = (app, table, deps) => {
  const { store, config, log } = deps;
  const service = new TelephonyService(store, config, log);
  services.set(app, service);
  app.addHook('onReady', async () => service.start());
  app.addHook('onClose', async () => service.stop());
  const db = telephonyDb(store);

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/cdrs',
    summary:
      'Call detail records, one per leg, newest first: filter by date range, number, extension/agent, direction, answered, trunk',
    tags: ['telephony'],
    access: ['admin', 'supervisor', 'qa', 'leader'],
    query: CdrQuery,
    response: CdrsResponse,
    handler: async ({ query, auth }) =>
      searchCdrs(db as unknown as TelephonyDb, query, {
        withRecordings: RECORDING_ROLES.some((r) => auth?.user.roles.includes(r)),
      }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/alerts',
    summary: 'Security alerts from the switch (bad credentials, refused external calls, outbound volume)',
    tags: ['telephony'],
    access: ['admin'],
    query: PageQuery,
    handler: async ({ query }) => ({
      items: await db
        .selectFrom('telephony_alerts')
        .selectAll()
        .orderBy('at', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
    }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/status',
    summary: 'Whether the switch is connected, and its last snapshot (legs, bridges, registrations)',
    tags: ['telephony'],
    access: ['admin', 'supervisor'],
    handler: async () => {
      if (!service.client.isOpen) return { connected: false, live: false, snapshot: service.client.lastSnapshot };
      // A fresh snapshot (legs and registrations change all the time); the one from connecting if slow.
      const fresh = await Promise.race([
        service.command({ type: 'switch.snapshot' }),
        new Promise<null>((r) => setTimeout(() => r(null), STATUS_SNAPSHOT_WAIT_MS).unref()),
      ]);
      if (fresh?.ok && fresh.result && typeof fresh.result === 'object') {
        return { connected: true, live: true, snapshot: { ...service.client.lastSnapshot, ...fresh.result } };
      }
      return { connected: true, live: false, snapshot: service.client.lastSnapshot };
    },
  });
  telephonyRecordingsRoutes(app, table, deps);
};
