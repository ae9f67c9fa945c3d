import { type Store, writeAudit } from '@hotline/store';
import { type Config, ConfigError } from '../config.ts';
import type { Logger } from '../log.ts';
import { isSealed, SecretBox } from '../secrets/secret-box.ts';
import { readSecretKey, secretKeyPath } from '../secrets/secret-key.ts';
import { telephonyDb } from './telephony-store.ts';

/**
 * The outbound trunk passwords, sealed at rest (docs/decisions/0309, migration 0303). `open()` runs
 * once at start-up, before the switch is connected and before the admin API serves: it finds the
 * master key, proves it opens the sealed rows, and seals rows still in clear (written before 0303)
 * in one transaction with an audit row — idempotent, a second start finds nothing to seal.
 * Afterwards the admin API seals what it writes and the configuration push opens what it sends.
 */
export class TrunkSecrets {
  readonly #store: Pick<Store, 'db' | 'transaction'>;
  readonly #config: Pick<Config, 'secretKey' | 'dataDir'>;
  readonly #log: Pick<Logger, 'info' | 'warn'>;
  #box: SecretBox | null = null;

  constructor(
    store: Pick<Store, 'db' | 'transaction'>,
    config: Pick<Config, 'secretKey' | 'dataDir'>,
    log: Pick<Logger, 'info' | 'warn'>,
  ) {
    this.#store = store;
    this.#config = config;
    this.#log = log;
  }

  /**
   * Throws `ConfigError` (naming HOTLINE_SECRET_KEY) when sealed rows exist and no key is found, or
   * when the key opens none of them. A few rows that do not open beside others that do were altered:
   * they are logged, and those trunks go to the switch without a password until an admin sets one.
   */
  async open(): Promise<{ sealed: string[]; unreadable: string[] }> {
    const rows = await telephonyDb(this.#store)
      .selectFrom('sip_trunks')
      .select(['id', 'password'])
      .where('password', 'is not', null)
      .orderBy('id')
      .execute();
    const sealedRows = rows.filter((r) => isSealed(r.password!));
    const clearRows = rows.filter((r) => !isSealed(r.password!));
    const found = readSecretKey(this.#config, { create: sealedRows.length === 0 });
    if (!found) {
      throw new ConfigError([
        `secretKey (HOTLINE_SECRET_KEY): ${sealedRows.length} trunk password(s) in the database are encrypted, ` +
          `but HOTLINE_SECRET_KEY is not set and ${secretKeyPath(this.#config.dataDir)} does not exist: ` +
          'set HOTLINE_SECRET_KEY to the key they were encrypted with (or restore that file)',
      ]);
    }
    const box = new SecretBox(found.key);
    const unreadable = sealedRows.filter((r) => box.open(r.password!) === null).map((r) => r.id);
    if (unreadable.length > 0 && unreadable.length === sealedRows.length) {
      throw new ConfigError([
        `secretKey (HOTLINE_SECRET_KEY): the key from ${found.source} does not open the encrypted password of ` +
          `trunk(s) ${unreadable.join(', ')}: set HOTLINE_SECRET_KEY to the key they were encrypted with`,
      ]);
    }
    if (unreadable.length > 0) {
      this.#log.warn(
        { trunks: unreadable },
        'trunk passwords altered in the database (they do not decrypt): sent to the switch without a password; set them again',
      );
    }
    const sealed =
      clearRows.length > 0 ? await this.#sealClear(box, clearRows as { id: string; password: string }[]) : [];
    if (sealed.length > 0) this.#log.info({ trunks: sealed }, 'clear trunk passwords encrypted');
    this.#box = box;
    return { sealed, unreadable };
  }

  /** The stored form of a password an admin sets. */
  seal(plain: string): string {
    return this.#ready().seal(plain);
  }

  /** The clear password for the switch, or null when the stored value does not open (altered). */
  reveal(stored: string): string | null {
    return this.#ready().open(stored);
  }

  #ready(): SecretBox {
    if (!this.#box) throw new Error('TrunkSecrets.open() must run before trunk passwords are used');
    return this.#box;
  }

  async #sealClear(box: SecretBox, rows: { id: string; password: string }[]): Promise<string[]> {
    return this.#store.transaction(async (trx) => {
      const db = telephonyDb({ db: trx });
      const done: string[] = [];
      for (const r of rows) {
        // Only if unchanged since read: a concurrent writer's value (already sealed) wins.
        const u = await db
          .updateTable('sip_trunks')
          .set({ password: box.seal(r.password) })
          .where('id', '=', r.id)
          .where('password', '=', r.password)
          .executeTakeFirst();
        if (Number(u.numUpdatedRows ?? 0) > 0) done.push(r.id);
      }
      if (done.length > 0) {
        await writeAudit(trx, {
          actorName: 'system',
          action: 'telephony.trunk.passwords_sealed',
          targetType: 'sip_trunk',
          targetId: done.join(','),
          details: { trunks: done },
        });
      }
      return done;
    });
  }
}
