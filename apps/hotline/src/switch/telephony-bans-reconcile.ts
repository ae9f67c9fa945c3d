import type { BanView } from '@hotline/contracts';
import { type Store, writeAudit } from '@hotline/store';
import type { Kysely } from 'kysely';
import type { TelephonyTables } from './telephony-store.ts';

/** Event ids and lift ids control makes up for what it learnt from a snapshot, not from an event. */
export const RECONCILE_ID_PREFIX = 'reconcile:';

export interface BanChange {
  kind: string;
  key: string;
  since: number;
}
export interface ReconcileResult {
  /** Open here, unknown to the switch: closed, by `expiry` when past its end, else `switch_lost`. */
  closed: (BanChange & { by: 'expiry' | 'switch_lost' })[];
  /** In force in the switch, missing here (its `ban` event was lost): inserted. */
  inserted: BanChange[];
  /** Closed here as `switch_lost`, in force in the switch again (its journal came back): reopened. */
  reopened: BanChange[];
}

/**
 * Inserts the row of a ban of switch `switchId`, from event `eventId` (a real event's id or a made-up
 * one); a row already there for (kind, key, since) is left as it is. True when inserted.
 */
export async function insertBan(
  db: Kysely<TelephonyTables>,
  b: BanView,
  switchId: string,
  eventId: string,
): Promise<boolean> {
  const r = await db
    .insertInto('telephony_bans')
    .values({
      kind: b.kind,
      key: b.key,
      since: new Date(b.since),
      until: new Date(b.until),
      reason: b.reason,
      failures: b.failures,
      switch_id: switchId,
      event_id: eventId,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

const id = (b: { kind: string; key: string; since: number }) => `${b.kind}\u0000${b.key}\u0000${b.since}`;

/**
 * Makes control's `telephony_bans` agree with the bans in force in the switch, as its snapshot lists
 * them on every (re)connect (docs/decisions/0310). Bans are matched by (kind, key, since) — the
 * switch id changes per process, so rows of every switch id count. Everything in one transaction
 * with one audit row `telephony.bans.reconcile`; nothing is written when they agree, so running it
 * twice on the same snapshot changes nothing the second time. `at` is the snapshot's time.
 */
export async function reconcileBans(
  store: Pick<Store, 'transaction'>,
  snapshot: { id: string; switchId: string; ts: number; bans: BanView[] },
): Promise<ReconcileResult> {
  return store.transaction(async (trx) => {
    const db = trx.withTables<TelephonyTables>() as unknown as Kysely<TelephonyTables>;
    const at = new Date(snapshot.ts);
    const inSwitch = new Map(snapshot.bans.map((b) => [id(b), b]));
    const rows = await db
      .selectFrom('telephony_bans')
      .select(['kind', 'key', 'since', 'until', 'lifted_at', 'lifted_by'])
      .where((eb) => eb.or([eb('lifted_at', 'is', null), eb('lifted_by', '=', 'switch_lost')]))
      .orderBy('kind')
      .orderBy('key')
      .orderBy('since')
      .execute();
    const r: ReconcileResult = { closed: [], inserted: [], reopened: [] };
    const reconcileId = (b: BanChange) => `${RECONCILE_ID_PREFIX}${snapshot.id}:${b.kind}:${b.key}:${b.since}`;
    const known = new Set<string>();
    for (const row of rows) {
      const b = { kind: row.kind, key: row.key, since: new Date(row.since).getTime() };
      const until = new Date(row.until);
      const where = db
        .updateTable('telephony_bans')
        .where('kind', '=', b.kind)
        .where('key', '=', b.key)
        .where('since', '=', new Date(b.since));
      known.add(id(b));
      // A ban that began after the snapshot (its live event stored first) cannot be in it.
      if (row.lifted_at === null && !inSwitch.has(id(b)) && b.since <= snapshot.ts) {
        const by = until <= at ? 'expiry' : 'switch_lost';
        const u = await where
          .set({ lifted_at: by === 'expiry' ? until : at, lifted_by: by, lift_event_id: reconcileId(b) })
          .where('lifted_at', 'is', null)
          .executeTakeFirst();
        // Counted only when this transaction changed it (an unban event may have closed it meanwhile).
        if (Number(u.numUpdatedRows ?? 0) > 0) r.closed.push({ ...b, by });
      } else if (row.lifted_at !== null && inSwitch.has(id(b))) {
        const u = await where
          .set({ lifted_at: null, lifted_by: null, lift_event_id: null })
          .where('lifted_by', '=', 'switch_lost')
          .executeTakeFirst();
        if (Number(u.numUpdatedRows ?? 0) > 0) r.reopened.push(b);
      }
    }
    for (const b of snapshot.bans) {
      if (known.has(id(b))) continue;
      // A row lifted by expiry or control that the switch still lists: left as it is.
      if (await insertBan(db, b, snapshot.switchId, reconcileId(b))) {
        r.inserted.push({ kind: b.kind, key: b.key, since: b.since });
      }
    }
    if (r.closed.length + r.inserted.length + r.reopened.length > 0) {
      await writeAudit(trx, {
        actorName: `switch ${snapshot.switchId}`,
        action: 'telephony.bans.reconcile',
        targetType: 'sip_ban',
        targetId: snapshot.switchId,
        details: {
          closed: r.closed.map(withIso),
          inserted: r.inserted.map(withIso),
          reopened: r.reopened.map(withIso),
        },
      });
    }
    return r;
  });
}

const withIso = <T extends BanChange>(b: T) => ({ ...b, since: new Date(b.since).toISOString() });
