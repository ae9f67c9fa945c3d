import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * HTTP byte ranges for the recording player (RFC 9110 §14) and the signed, short-lived grants that
 * let one user fetch one recording's audio after an audited play/download request.
 */

export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * Parses a `Range` header against a representation of `size` bytes. RFC 9110 §14.2: a server MAY
 * ignore Range — we do for other units, malformed values and multiple ranges (served whole, 200),
 * since browsers' media players ask for one range at a time. §14.1.2: `bytes=a-b`, `bytes=a-`,
 * `bytes=-n` (the last n bytes); a last-pos beyond the end is clamped; a first-pos at or beyond the
 * end is unsatisfiable (416), as is a zero-length suffix.
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return { kind: 'full' };
  const [, a, b] = m;
  if (a === '' && b === '') return { kind: 'full' };
  if (a === '') {
    const n = Number(b);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  if (b === '') return { kind: 'partial', start, end: size - 1 };
  const last = Number(b);
  if (last < start) return { kind: 'full' };
  return { kind: 'partial', start, end: Math.min(last, size - 1) };
}

export type GrantPurpose = 'play' | 'download';

export interface Grant {
  recordingId: string;
  userId: string;
  purpose: GrantPurpose;
  expiresAt: number;
}

/** How long a player may keep seeking in a recording it was granted. */
export const PLAY_GRANT_MS = 30 * 60_000;
/** How long a download link works. */
export const DOWNLOAD_GRANT_MS = 5 * 60_000;

/**
 * Issues and checks grants: `base64url(json).base64url(hmac)` with a key made when the process
 * starts (a restarted control invalidates outstanding grants; the player simply asks again).
 */
export class GrantSigner {
  readonly #key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = key;
  }

  #mac(payload: string): Buffer {
    return createHmac('sha256', this.#key).update(payload).digest();
  }

  issue(g: Grant): string {
    const payload = Buffer.from(JSON.stringify([g.recordingId, g.userId, g.purpose, g.expiresAt])).toString(
      'base64url',
    );
    return `${payload}.${this.#mac(payload).toString('base64url')}`;
  }

  /** The grant if the token is ours, unexpired at `now`; null for anything else (never throws). */
  verify(token: string, now: number): Grant | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 512) return null;
    const payload = token.slice(0, dot);
    const sig = Buffer.from(token.slice(dot + 1), 'base64url');
    const mac = this.#mac(payload);
    if (sig.length !== mac.length || !timingSafeEqual(sig, mac)) return null;
    let v: unknown;
    try {
      v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (!Array.isArray(v) || v.length !== 4) return null;
    const [recordingId, userId, purpose, expiresAt] = v as unknown[];
    if (typeof recordingId !== 'string' || typeof userId !== 'string' || typeof expiresAt !== 'number') return null;
    if (purpose !== 'play' && purpose !== 'download') return null;
    if (expiresAt <= now) return null;
    return { recordingId, userId, purpose, expiresAt };
  }
}
