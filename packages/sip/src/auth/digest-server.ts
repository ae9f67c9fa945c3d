import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@hotline/core';
import { type CredentialStore, ha1For } from './credential-store.ts';
import { type DigestAlgorithm, digestResponse, parseAlgorithm, parseAuthHeader, quoteParam } from './digest.ts';

/**
 * Challenge order. RFC 8760 §2.4 lets the server offer several algorithms in its order of preference;
 * deployed UAs (sipp 3.6, baresip/libre 1.0, many desk phones) answer only the first challenge and fail
 * outright on SHA-256, so MD5 goes first by default and SHA-256 is offered next for UAs that choose
 * the strongest (linphone, our DigestClient). Deployments with modern phones set ['SHA-256', 'MD5'] or
 * ['SHA-256']. See docs/decisions/0101-digest-challenge-order.md.
 */
export const DEFAULT_CHALLENGE_ORDER: readonly DigestAlgorithm[] = ['MD5', 'SHA-256'];

/**
 * User-Agents that abort on any challenge they cannot compute, even when an MD5 one is also offered
 * (baresip 1.0 / libre: "Register: Function not implemented"). They are challenged with MD5 only.
 */
export const MD5_ONLY_USER_AGENTS: readonly RegExp[] = [/\bbaresip\b/i];

/** How long a nonce stays valid; after that a correct response gets `stale=true` (RFC 7616 §3.3). */
export const DEFAULT_NONCE_TTL_MS = 5 * 60_000;

export type DigestFailure =
  | 'missing'
  | 'malformed'
  | 'realm'
  | 'algorithm'
  | 'bad-nonce'
  | 'stale'
  | 'replay'
  | 'unknown-user'
  | 'wrong-password';

export type DigestVerdict = { ok: true; user: string } | { ok: false; reason: DigestFailure; user: string | null };

export interface DigestServerOptions {
  realm: string;
  credentials: CredentialStore;
  clock: Clock;
  /** HMAC key for stateless nonces; random per process when not given (nonces then die on restart). */
  secret?: Uint8Array;
  nonceTtlMs?: number;
  /** Offered in this order; default `DEFAULT_CHALLENGE_ORDER`. */
  algorithms?: readonly DigestAlgorithm[];
  /** Default `MD5_ONLY_USER_AGENTS`. */
  md5OnlyUserAgents?: readonly RegExp[];
}

/**
 * Digest authentication, server side (RFC 7616, RFC 8760, RFC 3261 §22). Nonces are stateless:
 * `time.random.HMAC(secret, time.random)`; only the highest nonce-count seen per live nonce is kept,
 * to reject replays (RFC 7616 §3.4.5 / §5.7). Unknown user and wrong password are distinguished
 * only in the verdict (for counting); the caller answers both identically.
 */
export class DigestServer {
  readonly realm: string;
  readonly #credentials: CredentialStore;
  readonly #clock: Clock;
  /** Prepared once: building the key per HMAC showed up at ~8 % of a REGISTER's CPU. */
  readonly #secret: KeyObject;
  readonly #ttl: number;
  readonly #algorithms: readonly DigestAlgorithm[];
  readonly #md5Only: readonly RegExp[];
  /** nonce → highest nc accepted (0 = used once without qop); pruned as nonces expire. */
  readonly #seen = new Map<string, { nc: number; expires: number }>();
  #lastPrune = 0;

  constructor(o: DigestServerOptions) {
    this.realm = o.realm;
    this.#credentials = o.credentials;
    this.#clock = o.clock;
    this.#secret = createSecretKey(o.secret ?? randomBytes(32));
    this.#ttl = o.nonceTtlMs ?? DEFAULT_NONCE_TTL_MS;
    this.#algorithms = o.algorithms ?? DEFAULT_CHALLENGE_ORDER;
    this.#md5Only = o.md5OnlyUserAgents ?? MD5_ONLY_USER_AGENTS;
  }

  newNonce(): string {
    const body = `${this.#clock.now().toString(36)}.${randomBytes(9).toString('base64url')}`;
    return `${body}.${this.#mac(body)}`;
  }

  /** WWW-Authenticate / Proxy-Authenticate values, one per algorithm, in the configured order. */
  challenges(stale = false, userAgent?: string | null): string[] {
    const nonce = this.newNonce();
    const legacy = userAgent && this.#algorithms.includes('MD5') && this.#md5Only.some((re) => re.test(userAgent));
    return (legacy ? (['MD5'] as const) : this.#algorithms).map(
      (alg) =>
        `Digest realm=${quoteParam(this.realm)}, nonce=${quoteParam(nonce)}, algorithm=${alg}, qop="auth"${stale ? ', stale=true' : ''}`,
    );
  }

  /** Checks an Authorization / Proxy-Authorization value for a request `method`. */
  async verify(method: string, header: string | undefined): Promise<DigestVerdict> {
    if (header === undefined) return { ok: false, reason: 'missing', user: null };
    const h = parseAuthHeader(header);
    if (h?.scheme.toLowerCase() !== 'digest') return { ok: false, reason: 'malformed', user: null };
    const p = h.params;
    const user = p.get('username') ?? null;
    const nonce = p.get('nonce');
    const uri = p.get('uri');
    const response = p.get('response');
    if (user === null || nonce === undefined || uri === undefined || response === undefined) {
      return { ok: false, reason: 'malformed', user };
    }
    if (p.get('realm') !== this.realm) return { ok: false, reason: 'realm', user };
    const algorithm = parseAlgorithm(p.get('algorithm'));
    if (!algorithm || !this.#algorithms.includes(algorithm)) return { ok: false, reason: 'algorithm', user };
    const qop = p.get('qop');
    if (qop !== undefined && qop !== 'auth') return { ok: false, reason: 'malformed', user };
    const nc = p.get('nc');
    const cnonce = p.get('cnonce');
    if (qop === 'auth' && (nc === undefined || !/^[0-9a-fA-F]{8}$/.test(nc) || !cnonce)) {
      return { ok: false, reason: 'malformed', user };
    }
    const issued = this.#nonceTime(nonce);
    if (issued === null) return { ok: false, reason: 'bad-nonce', user };

    const creds = await this.#credentials.lookup(user, this.realm);
    const ha1 = creds ? ha1For(creds, algorithm, user, this.realm) : null;
    if (!ha1) return { ok: false, reason: 'unknown-user', user };
    const expected = digestResponse({
      algorithm,
      ha1,
      method,
      uri,
      nonce,
      ...(qop === 'auth' ? { qop: 'auth' as const, nc: nc as string, cnonce: cnonce as string } : {}),
    });
    if (!safeEqualHex(expected, response.toLowerCase())) return { ok: false, reason: 'wrong-password', user };
    // The response is right: now only freshness can fail, and "stale" tells the UA to retry (§3.3).
    const now = this.#clock.now();
    if (now - issued > this.#ttl) return { ok: false, reason: 'stale', user };
    const count = qop === 'auth' ? Number.parseInt(nc as string, 16) : 0;
    const prev = this.#seen.get(nonce);
    if (prev && count <= prev.nc) return { ok: false, reason: 'replay', user };
    this.#seen.set(nonce, { nc: count, expires: issued + this.#ttl });
    this.#prune(now);
    return { ok: true, user };
  }

  #mac(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('base64url').slice(0, 22);
  }

  /** Issue time of a nonce we made, or null for a forged or mangled one. */
  #nonceTime(nonce: string): number | null {
    const parts = nonce.split('.');
    if (parts.length !== 3) return null;
    const body = `${parts[0]}.${parts[1]}`;
    const mac = Buffer.from(parts[2] as string);
    const want = Buffer.from(this.#mac(body));
    if (mac.length !== want.length || !timingSafeEqual(mac, want)) return null;
    const t = Number.parseInt(parts[0] as string, 36);
    return Number.isFinite(t) ? t : null;
  }

  #prune(now: number): void {
    if (now - this.#lastPrune < 10_000) return;
    this.#lastPrune = now;
    for (const [k, v] of this.#seen) if (v.expires < now) this.#seen.delete(k);
  }
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
