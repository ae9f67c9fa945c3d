import { createHash } from 'node:crypto';
import type { CurrentUser, Role } from '@hotline/contracts';
import { type Clock, ErrorCode, HotlineError, newId, randomToken } from '@hotline/core';
import { type Database, type Kysely, type Selectable, type UsersTable, writeAudit } from '@hotline/store';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { LoginThrottle } from './throttle.ts';

export interface AuthContext {
  kind: 'session' | 'token';
  user: CurrentUser;
  /** For cookie sessions: the CSRF token every write must echo in `x-csrf-token`. */
  csrfToken: string | null;
  sessionId: string | null;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface AccountsOptions {
  sessionTtlMs: number;
  maxFailures: number;
  lockMs: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function toCurrentUser(u: Selectable<UsersTable>): CurrentUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles as Role[],
    departmentId: u.department_id,
    locale: u.locale === 'en' ? 'en' : 'zh-CN',
    mustChangePassword: u.must_change_password,
  };
}

/** Users, password login with throttling, cookie sessions with CSRF tokens, and API tokens. */
export class Accounts {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #opts: AccountsOptions;
  readonly #userThrottle: LoginThrottle;
  readonly #ipThrottle: LoginThrottle;

  constructor(db: Kysely<Database>, clock: Clock, opts: AccountsOptions) {
    this.#db = db;
    this.#clock = clock;
    this.#opts = opts;
    const windowMs = Math.max(opts.lockMs, 15 * 60_000);
    this.#userThrottle = new LoginThrottle(db, clock, { maxFailures: opts.maxFailures, windowMs, lockMs: opts.lockMs });
    // A shared office NAT makes many users one IP: the per-IP limit is four times the per-user one.
    this.#ipThrottle = new LoginThrottle(db, clock, {
      maxFailures: opts.maxFailures * 4,
      windowMs,
      lockMs: opts.lockMs,
    });
  }

  async createUser(
    input: {
      username: string;
      displayName: string;
      password: string;
      roles: Role[];
      departmentId?: string | null;
      locale?: 'zh-CN' | 'en';
      mustChangePassword?: boolean;
    },
    db: Kysely<Database> = this.#db,
  ): Promise<CurrentUser> {
    const exists = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (exists) throw new HotlineError(ErrorCode.Conflict, `username ${input.username} is taken`);
    if (input.roles.includes('department') && !input.departmentId) {
      throw new HotlineError(ErrorCode.ValidationFailed, 'a department user needs a departmentId');
    }
    const row = await db
      .insertInto('users')
      .values({
        id: newId(),
        username: input.username,
        display_name: input.displayName,
        password_hash: await hashPassword(input.password),
        roles: input.roles,
        department_id: input.departmentId ?? null,
        locale: input.locale ?? 'zh-CN',
        must_change_password: input.mustChangePassword ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCurrentUser(row);
  }

  async getUser(id: string): Promise<Selectable<UsersTable> | undefined> {
    return this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Password login. Unknown user and wrong password give the same answer after the same work;
   * repeated failures lock the username and the source address for a while.
   */
  async login(username: string, password: string, meta: RequestMeta): Promise<{ auth: AuthContext; cookie: string }> {
    const keys = [`user:${username.toLowerCase()}`, ...(meta.ip ? [`ip:${meta.ip}`] : [])];
    const until = await this.#lockedUntil(keys);
    if (until) {
      await writeAudit(this.#db, {
        action: 'auth.login.locked',
        actorName: username,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      throw new HotlineError(ErrorCode.LockedOut, 'too many failed logins; try again later', {
        retryAfterSeconds: Math.ceil((until.getTime() - this.#clock.now()) / 1000),
      });
    }
    const user = await this.#db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
    if (!user || !ok || !user.active) {
      await this.#userThrottle.fail(keys.slice(0, 1));
      if (meta.ip) await this.#ipThrottle.fail(keys.slice(1));
      await writeAudit(this.#db, {
        action: 'auth.login.failed',
        actorId: user?.id ?? null,
        actorName: username,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      throw new HotlineError(ErrorCode.Unauthenticated, 'wrong username or password');
    }
    await this.#userThrottle.succeed(keys.slice(0, 1));
    const cookie = randomToken(32);
    const csrf = randomToken(24);
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({
          id: sha256(cookie),
          user_id: user.id,
          csrf_token: csrf,
          ip: meta.ip,
          user_agent: meta.userAgent,
          expires_at: new Date(this.#clock.now() + this.#opts.sessionTtlMs),
        })
        .execute();
      await writeAudit(trx, {
        action: 'auth.login',
        actorId: user.id,
        actorName: user.username,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
    });
    return {
      cookie,
      auth: { kind: 'session', user: toCurrentUser(user), csrfToken: csrf, sessionId: sha256(cookie) },
    };
  }

  async #lockedUntil(keys: string[]): Promise<Date | null> {
    const a = await this.#userThrottle.lockedUntil(keys.slice(0, 1));
    const b = keys.length > 1 ? await this.#ipThrottle.lockedUntil(keys.slice(1)) : null;
    if (a && b) return new Date(Math.max(a.getTime(), b.getTime()));
    return a ?? b;
  }

  async logout(auth: AuthContext, meta: RequestMeta): Promise<void> {
    if (auth.sessionId) await this.#db.deleteFrom('sessions').where('id', '=', auth.sessionId).execute();
    await writeAudit(this.#db, {
      action: 'auth.logout',
      actorId: auth.user.id,
      actorName: auth.user.username,
      ip: meta.ip,
    });
  }

  /** Resolves a session cookie; sliding expiry. */
  async fromSessionCookie(cookie: string): Promise<AuthContext | null> {
    const id = sha256(cookie);
    const row = await this.#db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    const now = this.#clock.now();
    if (!row || new Date(row.expires_at).getTime() <= now || !row.active) return null;
    if (now - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.#db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(now), expires_at: new Date(now + this.#opts.sessionTtlMs) })
        .where('id', '=', id)
        .execute();
    }
    return { kind: 'session', user: toCurrentUser(row), csrfToken: row.csrf_token, sessionId: id };
  }

  async fromApiToken(token: string): Promise<AuthContext | null> {
    const row = await this.#db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.expires_at',
        'api_tokens.revoked_at',
        'api_tokens.last_used_at',
      ])
      .where('api_tokens.token_hash', '=', sha256(token))
      .executeTakeFirst();
    const now = this.#clock.now();
    if (!row || row.revoked_at || !row.active) return null;
    if (row.expires_at && new Date(row.expires_at).getTime() <= now) return null;
    if (!row.last_used_at || now - new Date(row.last_used_at).getTime() > 60_000) {
      await this.#db
        .updateTable('api_tokens')
        .set({ last_used_at: new Date(now) })
        .where('id', '=', row.token_id)
        .execute();
    }
    return { kind: 'token', user: toCurrentUser(row), csrfToken: null, sessionId: null };
  }

  async changePassword(userId: string, current: string, next: string, meta: RequestMeta): Promise<void> {
    const user = await this.getUser(userId);
    if (!user || !(await verifyPassword(current, user.password_hash))) {
      throw new HotlineError(ErrorCode.Forbidden, 'current password is wrong');
    }
    const hash = await hashPassword(next);
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: hash, must_change_password: false, updated_at: new Date(this.#clock.now()) })
        .where('id', '=', userId)
        .execute();
      await writeAudit(trx, { action: 'user.password.change', actorId: userId, actorName: user.username, ip: meta.ip });
    });
  }

  /** Creates an API token; the raw token is returned once and only its hash is kept. */
  async createToken(userId: string, name: string, expiresInDays?: number) {
    const raw = `hlt_${randomToken(32)}`;
    const row = await this.#db
      .insertInto('api_tokens')
      .values({
        id: newId(),
        user_id: userId,
        name,
        token_hash: sha256(raw),
        prefix: raw.slice(0, 10),
        expires_at: expiresInDays ? new Date(this.#clock.now() + expiresInDays * 86_400_000) : null,
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, token: raw };
  }
}
