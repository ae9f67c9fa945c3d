import { createHash } from 'node:crypto';

/** RFC 7616 §3.4.1 / RFC 8760: the hash algorithms we accept (no -sess variants). */
export type DigestAlgorithm = 'MD5' | 'SHA-256';
export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['SHA-256', 'MD5'];

export interface AuthHeader {
  scheme: string;
  params: Map<string, string>;
}

/**
 * Parses `Digest a="x", b=y, …` (RFC 7616 §3.3/§3.4, RFC 3261 §25.1 credentials/challenge).
 * Null when malformed. Parameter names are lowercased; quoted values are unquoted.
 */
export function parseAuthHeader(value: string): AuthHeader | null {
  const m = /^\s*([A-Za-z0-9\-._~+]+)\s+(.*)$/s.exec(value);
  if (!m) return null;
  const params = new Map<string, string>();
  const rest = m[2] as string;
  let i = 0;
  while (i < rest.length) {
    while (i < rest.length && /[\s,]/.test(rest[i] as string)) i++;
    if (i >= rest.length) break;
    const nm = /^([A-Za-z0-9\-._~+]+)\s*=\s*/.exec(rest.slice(i));
    if (!nm) return null;
    const name = (nm[1] as string).toLowerCase();
    i += nm[0].length;
    let val = '';
    if (rest[i] === '"') {
      i++;
      let closed = false;
      while (i < rest.length) {
        const c = rest[i] as string;
        if (c === '\\' && i + 1 < rest.length) {
          val += rest[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          closed = true;
          break;
        } else {
          val += c;
          i++;
        }
      }
      if (!closed) return null;
    } else {
      const t = /^[^\s,"]*/.exec(rest.slice(i))?.[0] ?? '';
      val = t;
      i += t.length;
    }
    if (params.has(name)) return null; // a repeated directive is ambiguous: reject
    params.set(name, val);
    while (i < rest.length && /\s/.test(rest[i] as string)) i++;
    if (i < rest.length && rest[i] !== ',') return null;
  }
  return { scheme: m[1] as string, params };
}

export function parseAlgorithm(v: string | undefined): DigestAlgorithm | null {
  if (v === undefined) return 'MD5'; // RFC 7616 §3.3: absent means MD5
  const u = v.toUpperCase();
  return u === 'MD5' ? 'MD5' : u === 'SHA-256' ? 'SHA-256' : null;
}

export function hashHex(alg: DigestAlgorithm, s: string): string {
  return createHash(alg === 'MD5' ? 'md5' : 'sha256')
    .update(s, 'utf8')
    .digest('hex');
}

/** HA1 = H(username ":" realm ":" password) (RFC 7616 §3.4.2). */
export function computeHa1(alg: DigestAlgorithm, username: string, realm: string, password: string): string {
  return hashHex(alg, `${username}:${realm}:${password}`);
}

export interface DigestInputs {
  algorithm: DigestAlgorithm;
  ha1: string;
  method: string;
  uri: string;
  nonce: string;
  /** Present with qop=auth: nonce-count (8 hex digits) and client nonce. */
  qop?: 'auth';
  nc?: string;
  cnonce?: string;
}

/** response = H(HA1 ":" nonce [":" nc ":" cnonce ":" qop] ":" H(method ":" uri)) (RFC 7616 §3.4.1). */
export function digestResponse(x: DigestInputs): string {
  const ha2 = hashHex(x.algorithm, `${x.method}:${x.uri}`);
  return x.qop
    ? hashHex(x.algorithm, `${x.ha1}:${x.nonce}:${x.nc}:${x.cnonce}:${x.qop}:${ha2}`)
    : hashHex(x.algorithm, `${x.ha1}:${x.nonce}:${ha2}`);
}

export function quoteParam(v: string): string {
  return `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
