import { z } from 'zod';
import { registerTelephonyDemo } from '../../switch/demo-telephony.ts';
import { TelephonyService } from '../../switch/telephony-service.ts';
import { telephonyDb } from '../../switch/telephony-store.ts';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';

// The demo seeder must be registered before control seeds the demo (at import time).
registerTelephonyDemo();

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * Telephony: starts control's call-control client to the switch with the HTTP server, and
 * serves CDRs, recordings, alerts and the live switch status.
 */
export const telephonyRoutes: RouteModule = (app, table, { store, config, log }) => {
  const service = new TelephonyService(store, config, log);
  app.addHook('onReady', async () => service.start());
  app.addHook('onClose', async () => service.stop());
  const db = telephonyDb(store);

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/cdrs',
    summary: 'Call detail records, one per leg, newest first',
    tags: ['telephony'],
    access: ['admin', 'supervisor', 'qa', 'leader'],
    query: PageQuery,
    handler: async ({ query }) => ({
      items: await db
        .selectFrom('call_cdrs')
        .selectAll()
        .orderBy('started_at', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
    }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/recordings',
    summary: 'Recordings with their SHA-256, newest first',
    tags: ['telephony'],
    access: ['admin', 'supervisor', 'qa'],
    query: PageQuery,
    handler: async ({ query }) => ({
      items: await db
        .selectFrom('call_recordings')
        .selectAll()
        .orderBy('started_at', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
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
    handler: async () => ({ connected: service.client.isOpen, snapshot: service.client.lastSnapshot }),
  });
};
