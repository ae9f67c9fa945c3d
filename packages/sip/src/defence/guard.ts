import { type Clock, Signal } from '@hotline/core';
import { getHeader } from '../message/headers.ts';
import type { SipMessage } from '../message/sip-message.ts';
import type { Destination } from '../transport/transport.ts';

/** User-Agent substrings of SIP scanners and brute-forcers seen in the wild (case-insensitive). */
export const SCANNER_USER_AGENTS: readonly string[] = [
  'friendly-scanner',
  'sipvicious',
  'sipcli',
  'vaxsipuseragent',
  'sundayddr',
  'sip-scan',
  'sipscan',
  'iwar',
  'sivus',
  'smap',
  'sipptk',
  'pplsip',
];

export interface GuardOptions {
  clock: Clock;
  /** Failed authentications from one IP within `failureWindowMs` that ban it. */
  maxFailuresPerIp?: number;
  /** Failed authentications for one user (from anywhere) within the window that lock it. */
  maxFailuresPerUser?: number;
  failureWindowMs?: number;
  banMs?: number;
  /** Token bucket per source IP: sustained requests per second and burst. */
  ratePerSecond?: number;
  rateBurst?: number;
  scannerUserAgents?: readonly string[];
  /** Sources never banned or limited (e.g. the carrier trunk, monitoring): `ip` or `ip:port`. */
  allow?: readonly string[];
}

export type BanReason = 'auth-failures' | 'scanner' | 'rate-limit';

export interface Ban {
  readonly kind: 'ip' | 'user';
  readonly key: string;
  readonly reason: BanReason;
  readonly since: number;
  readonly until: number;
  readonly failures: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Scanner and brute-force defence in front of the transaction layer. `admit()` is the endpoint's
 * admission hook: banned sources, scanner User-Agents and sources over their rate are dropped
 * silently (no response gives a scanner nothing to count). Auth failures are reported by the
 * registrar/B2BUA; bans carry their reason and end and are announced for the admin view and audit log.
 */
export class Guard {
  readonly banned = new Signal<[Ban]>();
  readonly unbanned = new Signal<[Ban]>();
  readonly dropped = new Signal<[{ source: Destination; reason: BanReason | 'banned'; userAgent?: string }]>();
  readonly #o: Required<GuardOptions>;
  readonly #bans = new Map<string, Ban>();
  readonly #failures = new Map<string, number[]>();
  readonly #buckets = new Map<string, Bucket>();
  #allow: Set<string>;

  constructor(o: GuardOptions) {
    this.#o = {
      maxFailuresPerIp: 5,
      maxFailuresPerUser: 10,
      failureWindowMs: 60_000,
      banMs: 15 * 60_000,
      ratePerSecond: 100,
      rateBurst: 200,
      scannerUserAgents: SCANNER_USER_AGENTS,
      allow: [],
      ...o,
    };
    this.#allow = new Set(this.#o.allow);
  }

  /** Replaces the allow list (the switch re-reads its trunks' addresses when control pushes them). */
  setAllow(allow: readonly string[]): void {
    this.#allow = new Set(allow);
  }

  /** Allow-listed by address (`ip`) or by flow (`ip:port`). */
  isAllowed(source: Destination): boolean {
    return this.#allow.has(source.host) || this.#allow.has(`${source.host}:${source.port}`);
  }

  /** Admission hook for `SipEndpoint`: false = drop without a word. */
  admit(source: Destination, msg?: SipMessage): boolean {
    const ip = source.host;
    if (this.isAllowed(source)) return true;
    if (msg === undefined) {
      if (this.isBanned('ip', ip)) {
        this.dropped.emit({ source, reason: 'banned' });
        return false;
      }
      if (!this.#take(ip)) {
        this.dropped.emit({ source, reason: 'rate-limit' });
        return false;
      }
      return true;
    }
    const ua = getHeader(msg, 'User-Agent') ?? getHeader(msg, 'Server') ?? '';
    const l = ua.toLowerCase();
    if (ua !== '' && this.#o.scannerUserAgents.some((s) => l.includes(s))) {
      this.#ban('ip', ip, 'scanner', 0);
      this.dropped.emit({ source, reason: 'scanner', userAgent: ua });
      return false;
    }
    return true;
  }

  recordAuthFailure(source: Destination, user: string | null): void {
    if (this.isAllowed(source)) return;
    const n = this.#count(`ip:${source.host}`);
    if (n >= this.#o.maxFailuresPerIp) this.#ban('ip', source.host, 'auth-failures', n);
    if (user !== null) {
      const u = this.#count(`user:${user}`);
      if (u >= this.#o.maxFailuresPerUser) this.#ban('user', user, 'auth-failures', u);
    }
  }

  recordAuthSuccess(source: Destination, _user: string): void {
    this.#failures.delete(`ip:${source.host}`);
  }

  isBanned(kind: 'ip' | 'user', key: string): boolean {
    const b = this.#bans.get(`${kind}:${key}`);
    if (!b) return false;
    if (b.until > this.#o.clock.now()) return true;
    this.#bans.delete(`${kind}:${key}`);
    this.unbanned.emit(b);
    return false;
  }

  /** Current bans (expired ones are lifted, with their events, as a side effect). */
  bans(): Ban[] {
    this.sweep();
    return [...this.#bans.values()];
  }

  /**
   * Puts back bans kept across a restart (the switch journals them): announced already, so no
   * `banned` signal; allow-listed sources stay free; a ban already past its end is lifted — with its
   * `unbanned` signal — by the next `sweep()`. A ban in force for the same key is kept.
   */
  restore(bans: readonly Ban[]): void {
    for (const b of bans) {
      if (b.kind === 'ip' && this.#allow.has(b.key)) continue;
      const k = `${b.kind}:${b.key}`;
      if (!this.#bans.has(k)) this.#bans.set(k, b);
    }
  }

  unban(kind: 'ip' | 'user', key: string): boolean {
    const b = this.#bans.get(`${kind}:${key}`);
    if (!b) return false;
    this.#bans.delete(`${kind}:${key}`);
    this.#failures.delete(`${kind}:${key}`);
    this.unbanned.emit(b);
    return true;
  }

  /** Lifts expired bans and forgets idle counters; call periodically. */
  sweep(): void {
    const now = this.#o.clock.now();
    for (const b of [...this.#bans.values()]) this.isBanned(b.kind, b.key);
    for (const [k, v] of this.#failures)
      if (v.every((t) => now - t > this.#o.failureWindowMs)) this.#failures.delete(k);
    for (const [k, b] of this.#buckets) if (now - b.at > 60_000) this.#buckets.delete(k);
  }

  #count(key: string): number {
    const now = this.#o.clock.now();
    const list = (this.#failures.get(key) ?? []).filter((t) => now - t <= this.#o.failureWindowMs);
    list.push(now);
    this.#failures.set(key, list);
    return list.length;
  }

  #ban(kind: 'ip' | 'user', key: string, reason: BanReason, failures: number): void {
    if (this.isBanned(kind, key)) return;
    const now = this.#o.clock.now();
    const ban: Ban = { kind, key, reason, since: now, until: now + this.#o.banMs, failures };
    this.#bans.set(`${kind}:${key}`, ban);
    this.#failures.delete(`${kind}:${key}`);
    this.banned.emit(ban);
  }

  #take(ip: string): boolean {
    const now = this.#o.clock.now();
    const b = this.#buckets.get(ip) ?? { tokens: this.#o.rateBurst, at: now };
    b.tokens = Math.min(this.#o.rateBurst, b.tokens + ((now - b.at) / 1000) * this.#o.ratePerSecond);
    b.at = now;
    this.#buckets.set(ip, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
