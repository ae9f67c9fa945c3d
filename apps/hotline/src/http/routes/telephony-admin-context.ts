import type { Role } from '@hotline/contracts';
import { type Database, type Kysely, type Store, type Trx, writeAudit } from '@hotline/store';
import type { AuthContext } from '../../accounts/accounts.ts';
import type { TelephonyTables } from '../../switch/telephony-store.ts';

export const TELEPHONY_ADMIN: Role[] = ['admin'];

export type AdminDb = Kysely<Database & TelephonyTables>;

export const tables = (db: Kysely<Database> | Trx): AdminDb => db.withTables<TelephonyTables>();

/** What the admin route groups share: the store, and the push of the configuration to the switch. */
export interface TelephonyAdminContext {
  store: Store;
  /** Queues a push of the stored configuration to the switch; says whether the switch is connected. */
  push(): { connected: boolean };
  /** The stored form of an outbound trunk password (encrypted, decision 0309). */
  sealTrunkPassword(plain: string): string;
}

export interface Change {
  auth: AuthContext | null;
  ip: string | null;
  userAgent: string | null;
}

/** One audit row of a configuration change, in the change's transaction; never with secrets. */
export async function auditChange(
  trx: Trx,
  c: Change,
  e: { action: string; targetType: string; targetId: string; before?: unknown; after?: unknown; details?: unknown },
): Promise<void> {
  await writeAudit(trx, {
    actorId: c.auth?.user.id ?? null,
    actorName: c.auth?.user.username ?? null,
    ip: c.ip,
    userAgent: c.userAgent,
    ...e,
  });
}

export const iso = (d: Date | string): string => new Date(d).toISOString();
