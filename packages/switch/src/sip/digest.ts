import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomHex } from '@hotline/core';

/**
 * HTTP digest for SIP (RFC 3261 §22, RFC 2617 §3.2.2 with qop=auth, MD5). A thin adapter kept in
 * the switch until `@hotline/sip` ships its auth module (see the package README). Nonces are
 * stateless: `<ms>.<hmac(secret, ms)>`, valid for NONCE_TTL_MS, so a restart of the switch or any
 * number of concurrent challenges need no table.
 */
export const NONCE_TTL_MS = 5 * 60_000;

export interface DigestParams {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  qop: string | null;
  nc: string | null;
  cnonce: string | null;
  algorithm: string | null;
  opaque: string | null;
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Parses `Digest k=v, k="v"`; null when it is not a digest credential. Never throws. */
export function parseDigest(value: string | undefined): Record<string, string> | null {
  if (!value) return null;
  const m = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!m) return null;
  const out: Record<string, string> = {};
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))\s*(?:,|$)/g;
  const body = m[1] as string;
  for (let x = re.exec(body); x; x = re.exec(body)) {
    out[(x[1] as string).toLowerCase()] = x[2] !== undefined ? x[2].replace(/\\(.)/g, '$1') : (x[3] as string);
  }
  return out;
}

export function credentialsOf(value: string | undefined): DigestParams | null {
  const p = parseDigest(value);
  if (!p?.username || !p.realm || !p.nonce || !p.uri || !p.response) return null;
  return {
    username: p.username,
    realm: p.realm,
    nonce: p.nonce,
    uri: p.uri,
    response: p.response,
    qop: p.qop ?? null,
    nc: p.nc ?? null,
    cnonce: p.cnonce ?? null,
    algorithm: p.algorithm ?? null,
    opaque: p.opaque ?? null,
  };
}

export function digestResponse(o: {
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: string | null;
  nc?: string | null;
  cnonce?: string | null;
}): string {
  const ha1 = md5(`${o.username}:${o.realm}:${o.password}`);
  const ha2 = md5(`${o.method}:${o.uri}`);
  // RFC 2617 §3.2.2.1: with qop=auth the nonce count and client nonce enter the hash.
  if (o.qop === 'auth') return md5(`${ha1}:${o.nonce}:${o.nc ?? ''}:${o.cnonce ?? ''}:auth:${ha2}`);
  return md5(`${ha1}:${o.nonce}:${ha2}`);
}

export type DigestVerdict = 'ok' | 'stale' | 'wrong' | 'unknown_user';

/** The server side: challenges and checks credentials of one realm. */
export class DigestServer {
  readonly realm: string;
  readonly #secret: Buffer;
  readonly #now: () => number;

  constructor(realm: string, now: () => number, secret: Buffer = randomBytes(32)) {
    this.realm = realm;
    this.#now = now;
    this.#secret = secret;
  }

  nonce(): string {
    const t = String(this.#now());
    return `${t}.${createHmac('sha256', this.#secret).update(t).digest('base64url').slice(0, 22)}`;
  }

  /** `WWW-Authenticate` / `Proxy-Authenticate` value. */
  challenge(stale = false): string {
    return `Digest realm="${this.realm}", nonce="${this.nonce()}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
  }

  #nonceValid(nonce: string): 'ok' | 'stale' | 'wrong' {
    const [t, mac] = nonce.split('.');
    if (!t || !mac || !/^[0-9]{1,15}$/.test(t)) return 'wrong';
    const want = createHmac('sha256', this.#secret).update(t).digest('base64url').slice(0, 22);
    if (want.length !== mac.length || !timingSafeEqual(Buffer.from(want), Buffer.from(mac))) return 'wrong';
    return this.#now() - Number(t) > NONCE_TTL_MS ? 'stale' : 'ok';
  }

  /**
   * Checks credentials against `password` (undefined = unknown user). The digest uri is the one the
   * client hashed (RFC 2617 §3.2.2.5 asks it to match the Request-URI; sipp and some carriers write
   * the proxy address there, so we hash what was sent).
   */
  verify(cred: DigestParams, method: string, password: string | undefined): DigestVerdict {
    if (password === undefined) return 'unknown_user';
    if (cred.realm !== this.realm) return 'wrong';
    if (cred.algorithm && cred.algorithm.toUpperCase() !== 'MD5') return 'wrong';
    const n = this.#nonceValid(cred.nonce);
    if (n === 'wrong') return 'wrong';
    const want = digestResponse({
      username: cred.username,
      realm: cred.realm,
      password,
      method,
      uri: cred.uri,
      nonce: cred.nonce,
      qop: cred.qop,
      nc: cred.nc,
      cnonce: cred.cnonce,
    });
    const ok =
      want.length === cred.response.length &&
      timingSafeEqual(Buffer.from(want), Buffer.from(cred.response.toLowerCase()));
    if (!ok) return 'wrong';
    return n;
  }
}

/** The client side: an `Authorization` value answering a challenge (outbound trunk calls). */
export function authorize(
  challenge: string,
  o: { username: string; password: string; method: string; uri: string },
): string | null {
  const c = parseDigest(challenge);
  if (!c?.realm || !c.nonce) return null;
  const qop = c.qop?.split(',').some((q) => q.trim() === 'auth') ? 'auth' : null;
  const cnonce = randomHex(8);
  const nc = '00000001';
  const response = digestResponse({ ...o, realm: c.realm, nonce: c.nonce, qop, nc, cnonce });
  const parts = [
    `username="${o.username}"`,
    `realm="${c.realm}"`,
    `nonce="${c.nonce}"`,
    `uri="${o.uri}"`,
    `response="${response}"`,
    'algorithm=MD5',
  ];
  if (qop) parts.push(`qop=auth`, `nc=${nc}`, `cnonce="${cnonce}"`);
  if (c.opaque) parts.push(`opaque="${c.opaque}"`);
  return `Digest ${parts.join(', ')}`;
}
