import type { Clock } from '@hotline/core';
import type { Database, Kysely } from '@hotline/store';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Login throttling per key ('user:<name>', 'ip:<addr>'), kept in the database so a restart does
 * not reset it. `maxFailures` failures inside `windowMs` lock the key for `lockMs`.
 */
export class LoginThrottle {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #policy: ThrottlePolicy;
  constructor(db: Kysely<Database>, clock: Clock, policy: ThrottlePolicy) {
    this.#db = db;
    this.#clock = clock;
    this.#policy = policy;
  }

  /** The time until which any of `keys` is locked, or null. */
  async lockedUntil(keys: string[]): Promise<Date | null> {
    const rows = await this.#db.selectFrom('login_throttle').select('locked_until').where('key', 'in', keys).execute();
    const now = this.#clock.now();
    let until: Date | null = null;
    for (const r of rows) {
      const t = r.locked_until ? new Date(r.locked_until) : null;
      if (t && t.getTime() > now && (!until || t > until)) until = t;
    }
    return until;
  }

  /** Records a failure for each key; returns true when this failure locked one of them. */
  async fail(keys: string[]): Promise<boolean> {
    const now = this.#clock.now();
    let locked = false;
    for (const key of keys) {
      const row = await this.#db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
      const windowStart = row ? new Date(row.window_start).getTime() : now;
      const inWindow = row && now - windowStart < this.#policy.windowMs;
      const failures = inWindow ? row.failures + 1 : 1;
      const lockedUntil = failures >= this.#policy.maxFailures ? new Date(now + this.#policy.lockMs) : null;
      if (lockedUntil) locked = true;
      const values = {
        key,
        failures: lockedUntil ? 0 : failures,
        window_start: new Date(inWindow ? windowStart : now),
        locked_until: lockedUntil ?? (row?.locked_until ? new Date(row.locked_until) : null),
      };
      await this.#db
        .insertInto('login_throttle')
        .values(values)
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    }
    return locked;
  }

  async succeed(keys: string[]): Promise<void> {
    await this.#db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
  }
}
