import type { BanView, CallControlEvent } from '@hotline/contracts';
import { type Store, writeAudit } from '@hotline/store';
import type { Kysely } from 'kysely';
import { insertBan, RECONCILE_ID_PREFIX } from './telephony-bans-reconcile.ts';
import type { TelephonyTables } from './telephony-store.ts';

type BanEvent = Extract<CallControlEvent, { type: 'ban' | 'unban' }>;

export function isBanEvent(e: CallControlEvent): e is BanEvent {
  return e.type === 'ban' || e.type === 'unban';
}

/**
 * Stores a `ban` / `unban` event of the switch's SIP guard and its audit row in one transaction
 * (issue 3: bans and their reasons are visible to admins and written to the audit log). Idempotent:
 * a replayed event finds its row already there (or already lifted) and writes no second audit row.
 * Returns true when something changed.
 */
export async function storeBanEvent(
  store: Pick<Store, 'transaction'>,
  switchId: string,
  e: BanEvent,
): Promise<boolean> {
  return store.transaction(async (trx) => {
    const db = trx.withTables<TelephonyTables>() as unknown as Kysely<TelephonyTables>;
    const b = e.ban;
    const target = { targetType: 'sip_ban', targetId: `${b.kind}:${b.key}` };
    if (e.type === 'ban') {
      if (!(await insertBan(db, b, switchId, e.id))) return false;
      await writeAudit(trx, {
        actorName: `switch ${switchId}`,
        action: 'telephony.ban',
        ...target,
        after: b,
        details: { reason: b.reason, failures: b.failures, until: new Date(b.until).toISOString() },
      });
      return true;
    }
    // An unban whose ban row is missing (stored before this table existed) is recorded lifted.
    await insertBan(db, b, switchId, `${e.id}:ban`);
    const u = await db
      .updateTable('telephony_bans')
      .set({ lifted_at: new Date(e.ts), lifted_by: e.by, lift_event_id: e.id })
      .where('kind', '=', b.kind)
      .where('key', '=', b.key)
      .where('since', '=', new Date(b.since))
      // Open, or closed by a reconcile's guess (0310) that the switch's own account now corrects.
      .where((eb) =>
        eb.or([
          eb('lifted_at', 'is', null),
          eb.and([eb('lift_event_id', 'like', `${RECONCILE_ID_PREFIX}%`), eb('lifted_by', '<>', e.by)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(u.numUpdatedRows ?? 0) === 0) return false;
    await writeAudit(trx, {
      actorName: `switch ${switchId}`,
      action: 'telephony.unban',
      ...target,
      before: b,
      details: { by: e.by },
    });
    return true;
  });
}

export interface StoredBan extends BanView {
  switchId: string;
  liftedAt: number | null;
  liftedBy: 'expiry' | 'control' | 'switch_lost' | null;
}

/** Bans in force (not lifted, not past their end), or every ban when `all`; newest first. */
export async function listBans(
  db: Kysely<TelephonyTables>,
  o: { all: boolean; now: Date; limit: number },
): Promise<StoredBan[]> {
  let q = db.selectFrom('telephony_bans').selectAll();
  if (!o.all) q = q.where('lifted_at', 'is', null).where('until', '>', o.now);
  const rows = await q.orderBy('since', 'desc').limit(o.limit).execute();
  return rows.map((r) => ({
    kind: r.kind as 'ip' | 'user',
    key: r.key,
    reason: r.reason as BanView['reason'],
    since: new Date(r.since).getTime(),
    until: new Date(r.until).getTime(),
    failures: r.failures,
    switchId: r.switch_id,
    liftedAt: r.lifted_at ? new Date(r.lifted_at).getTime() : null,
    liftedBy: r.lifted_by as StoredBan['liftedBy'],
  }));
}
