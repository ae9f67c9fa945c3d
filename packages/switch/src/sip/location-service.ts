import type { Scheduler } from '@hotline/core';
import { Signal } from '@hotline/core';
import { contactsOf, type Destination, formatUri, getHeader, intHeader, type SipRequest } from '@hotline/sip';

/**
 * Registrar bindings (RFC 3261 §10.3) for extensions and registering trunks. A thin adapter kept in
 * the switch until `@hotline/sip` ships its registrar with `BindingStore`: bindings live in memory
 * (phones re-register within their interval after a switch restart).
 */
export const MIN_EXPIRES_S = 60;
export const MAX_EXPIRES_S = 3600;
export const DEFAULT_EXPIRES_S = 600;
const SWEEP_MS = 5_000;

export interface Binding {
  user: string;
  contact: string;
  /** Where the REGISTER came from: requests go back along this flow (NAT-friendly). */
  source: Destination;
  expiresAt: number;
  userAgent: string;
  callId: string;
  cseq: number;
}

export type RegisterOutcome =
  | { status: 200; contacts: { contact: string; expires: number }[] }
  | { status: 400 | 423; reason: string; minExpires?: number };

export class LocationService {
  readonly registered = new Signal<[Binding]>();
  readonly unregistered = new Signal<[Binding, 'expired' | 'removed']>();
  readonly #bindings = new Map<string, Binding[]>();
  readonly #scheduler: Scheduler;
  readonly #sweep: { cancel(): void };

  constructor(scheduler: Scheduler) {
    this.#scheduler = scheduler;
    this.#sweep = scheduler.setInterval(() => this.sweep(), SWEEP_MS);
  }

  close(): void {
    this.#sweep.cancel();
  }

  /** §10.3 steps 6–8 for an authenticated REGISTER of `user`. */
  register(user: string, req: SipRequest, source: Destination): RegisterOutcome {
    const contacts = contactsOf(req);
    if (contacts === null) return { status: 400, reason: 'Bad Contact' };
    const headerExpires = intHeader(req, 'Expires');
    const callId = getHeader(req, 'Call-ID') ?? '';
    const cseq = Number((getHeader(req, 'CSeq') ?? '0').split(/\s+/)[0]) || 0;
    const now = this.#scheduler.now();
    const list = this.#bindings.get(user) ?? [];
    if (contacts === '*') {
      // §10.3 step 6: "*" only with Expires: 0 — removes every binding.
      if (headerExpires !== 0) return { status: 400, reason: 'Wildcard needs Expires 0' };
      this.#bindings.delete(user);
      for (const b of list) this.unregistered.emit(b, 'removed');
      return { status: 200, contacts: [] };
    }
    for (const c of contacts) {
      const p = c.params.get('expires');
      const asked = p != null && /^[0-9]+$/.test(p) ? Number(p) : (headerExpires ?? DEFAULT_EXPIRES_S);
      const contact = formatUri(c.uri);
      const i = list.findIndex((b) => b.contact === contact);
      if (asked === 0) {
        if (i >= 0) this.unregistered.emit(list.splice(i, 1)[0] as Binding, 'removed');
        continue;
      }
      if (asked < MIN_EXPIRES_S) return { status: 423, reason: 'Interval Too Brief', minExpires: MIN_EXPIRES_S };
      const b: Binding = {
        user,
        contact,
        source,
        expiresAt: now + Math.min(asked, MAX_EXPIRES_S) * 1000,
        userAgent: (getHeader(req, 'User-Agent') ?? '').slice(0, 100),
        callId,
        cseq,
      };
      if (i >= 0) list[i] = b;
      else list.push(b);
      this.registered.emit(b);
    }
    if (list.length > 0) this.#bindings.set(user, list);
    else this.#bindings.delete(user);
    return {
      status: 200,
      contacts: list.map((b) => ({ contact: b.contact, expires: Math.round((b.expiresAt - now) / 1000) })),
    };
  }

  lookup(user: string): Binding[] {
    const now = this.#scheduler.now();
    return (this.#bindings.get(user) ?? []).filter((b) => b.expiresAt > now);
  }

  all(): Binding[] {
    return [...this.#bindings.values()].flat();
  }

  /** Is `host` the flow address of a binding of one of `users`? (trunks authorised by registration). */
  isRegisteredSource(users: readonly string[], host: string, port: number): boolean {
    return users.some((u) => this.lookup(u).some((b) => b.source.host === host && b.source.port === port));
  }

  sweep(): void {
    const now = this.#scheduler.now();
    for (const [user, list] of this.#bindings) {
      const keep = list.filter((b) => b.expiresAt > now);
      for (const b of list) if (b.expiresAt <= now) this.unregistered.emit(b, 'expired');
      if (keep.length > 0) this.#bindings.set(user, keep);
      else this.#bindings.delete(user);
    }
  }
}
