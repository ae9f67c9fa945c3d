import { BanKey, BanKind } from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import { writeAudit } from '@hotline/store';
import { z } from 'zod';
import { listBans } from '../../switch/telephony-bans-store.ts';
import { telephonyDb } from '../../switch/telephony-store.ts';
import { defineRoute } from '../define-route.ts';
import type { RouteModule } from './module.ts';
import { telephonyServiceOf } from './telephony.ts';

const BansQuery = z.object({
  /** `true`: every ban, lifted ones too (history); default: bans in force. */
  all: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const Ban = z.object({
  kind: BanKind,
  key: z.string(),
  reason: z.string(),
  since: z.number(),
  until: z.number(),
  failures: z.number(),
  switchId: z.string(),
  liftedAt: z.number().nullable(),
  /** `switch_lost`: the switch no longer had it on reconnect (decision 0310). */
  liftedBy: z.enum(['expiry', 'control', 'switch_lost']).nullable(),
});
const BansResponse = z.object({ bans: z.array(Ban) });
const UnbanParams = z.object({ kind: BanKind, key: BanKey });
const UnbanResponse = z.object({ lifted: z.boolean() });

/**
 * Bans of the switch's SIP guard (issue 3, docs/decisions/0102/0304): what control stored from the
 * switch's `ban` / `unban` events, and lifting one by hand — sent to the switch as `switch.unban`;
 * the switch's `unban` event then closes the row (audited as `telephony.unban`).
 */
export const telephonyBanRoutes: RouteModule = (app, table, { store, clock }) => {
  const db = telephonyDb(store);

  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/telephony/bans',
    summary: 'SIP bans (source IPs and locked users) with their reason, failures and end',
    tags: ['telephony'],
    access: ['admin'],
    query: BansQuery,
    response: BansResponse,
    handler: async ({ query }) => ({
      bans: await listBans(db, { all: query.all, now: new Date(clock.now()), limit: query.limit }),
    }),
  });

  defineRoute(app, table, {
    method: 'DELETE',
    url: '/api/v1/telephony/bans/:kind/:key',
    summary: 'Lift a SIP ban now (the switch lifts it and reports it; both are audited)',
    tags: ['telephony'],
    access: ['admin'],
    params: UnbanParams,
    response: UnbanResponse,
    handler: async ({ params, auth, meta }) => {
      const service = telephonyServiceOf(app);
      if (!service.client.isOpen) throw new HotlineError(ErrorCode.Unavailable, 'the switch is not connected');
      const reply = await service.command({ type: 'switch.unban', kind: params.kind, key: params.key });
      if (!reply.ok) throw new HotlineError(ErrorCode.Unavailable, reply.error?.message ?? 'the switch refused');
      const lifted = (reply.result as { lifted?: unknown } | undefined)?.lifted === true;
      await writeAudit(store.db, {
        actorId: auth?.user.id ?? null,
        actorName: auth?.user.displayName ?? null,
        action: 'telephony.unban.request',
        targetType: 'sip_ban',
        targetId: `${params.kind}:${params.key}`,
        ip: meta.ip,
        userAgent: meta.userAgent,
        details: { lifted },
      });
      return { lifted };
    },
  });
};
