import { randomBytes } from 'node:crypto';
import {
  computeHa1,
  type DigestAlgorithm,
  digestResponse,
  parseAlgorithm,
  parseAuthHeader,
  quoteParam,
} from './digest.ts';

export interface DigestClientCredentials {
  username: string;
  password: string;
  /** Only answer challenges for this realm (carrier trunks usually name theirs). */
  realm?: string;
}

/**
 * Digest authentication, client side (RFC 7616 §3.4, RFC 3261 §22.2): picks the strongest offered
 * algorithm among the challenges of a 401/407, keeps the nonce-count per nonce, and builds the
 * Authorization / Proxy-Authorization value. Used to register to a carrier trunk and to answer
 * challenges on outbound INVITEs.
 */
export class DigestClient {
  readonly #creds: DigestClientCredentials;
  readonly #nc = new Map<string, number>();

  constructor(creds: DigestClientCredentials) {
    this.#creds = creds;
  }

  /**
   * `challenges` are the WWW-Authenticate (or Proxy-Authenticate) values of one response.
   * Returns the header value to send with the retried request, or null when none is usable.
   */
  authorize(challenges: readonly string[], method: string, uri: string): string | null {
    let best: { alg: DigestAlgorithm; params: Map<string, string> } | null = null;
    for (const c of challenges) {
      const h = parseAuthHeader(c);
      if (h?.scheme.toLowerCase() !== 'digest') continue;
      const alg = parseAlgorithm(h.params.get('algorithm'));
      const realm = h.params.get('realm');
      if (!alg || realm === undefined || !h.params.get('nonce')) continue;
      if (this.#creds.realm !== undefined && this.#creds.realm !== realm) continue;
      if (!best || (alg === 'SHA-256' && best.alg === 'MD5')) best = { alg, params: h.params };
    }
    if (!best) return null;
    const realm = best.params.get('realm') as string;
    const nonce = best.params.get('nonce') as string;
    const qops = (best.params.get('qop') ?? '').split(',').map((q) => q.trim());
    const useQop = qops.includes('auth');
    const ha1 = computeHa1(best.alg, this.#creds.username, realm, this.#creds.password);
    const count = (this.#nc.get(nonce) ?? 0) + 1;
    this.#nc.set(nonce, count);
    const nc = count.toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const response = digestResponse({
      algorithm: best.alg,
      ha1,
      method,
      uri,
      nonce,
      ...(useQop ? { qop: 'auth' as const, nc, cnonce } : {}),
    });
    const parts = [
      `username=${quoteParam(this.#creds.username)}`,
      `realm=${quoteParam(realm)}`,
      `nonce=${quoteParam(nonce)}`,
      `uri=${quoteParam(uri)}`,
      `response=${quoteParam(response)}`,
      `algorithm=${best.alg}`,
    ];
    if (useQop) parts.push('qop=auth', `nc=${nc}`, `cnonce=${quoteParam(cnonce)}`);
    const opaque = best.params.get('opaque');
    if (opaque !== undefined) parts.push(`opaque=${quoteParam(opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
