import { type Scheduler, Signal, type TimerHandle } from '@hotline/core';
import type { DigestFailure, DigestServer } from '../auth/digest-server.ts';
import { contactsOf, cseqOf, getHeader, intHeader, toOf } from '../message/headers.ts';
import { aorOf, formatUri, isSipUri, type SipUri, userDecoded } from '../message/uri.ts';
import type { IncomingRequest } from '../transaction/sip-endpoint.ts';
import type { Destination } from '../transport/transport.ts';
import type { Binding, BindingStore } from './binding-store.ts';

export interface RegistrarOptions {
  digest: DigestServer;
  store: BindingStore;
  scheduler: Scheduler;
  /** Expires when the UA names none (§10.2.1.1 leaves it to the registrar). */
  defaultExpires?: number;
  /** Shorter requests get 423 with Min-Expires (§10.3 step 7). */
  minExpires?: number;
  /** Longer requests are cut down to this. */
  maxExpires?: number;
  /** Defence hook: a locked user is answered exactly like a wrong password. */
  isUserLocked?: (user: string) => boolean;
}

export interface AuthFailure {
  readonly source: Destination;
  readonly user: string | null;
  readonly reason: DigestFailure | 'locked' | 'forbidden-aor';
  readonly userAgent: string | null;
}

export type UnregisterReason = 'expired' | 'removed' | 'replaced';

/**
 * Registrar, RFC 3261 §10.3: digest-authenticated REGISTER, several contacts per AOR with their own
 * expiry, `Expires: 0` removal, `Contact: *` removal of all, Call-ID/CSeq ordering. Every change is
 * written through the BindingStore, and bindings come back from it on `start()`.
 */
export class Registrar {
  readonly registered = new Signal<[Binding]>();
  readonly unregistered = new Signal<[Binding, UnregisterReason]>();
  readonly authFailed = new Signal<[AuthFailure]>();
  readonly authSucceeded = new Signal<[{ source: Destination; user: string }]>();
  readonly #o: Required<Omit<RegistrarOptions, 'isUserLocked'>> & Pick<RegistrarOptions, 'isUserLocked'>;
  readonly #byAor = new Map<string, Binding[]>();
  #sweep: TimerHandle | null = null;

  constructor(o: RegistrarOptions) {
    this.#o = { defaultExpires: 3600, minExpires: 30, maxExpires: 7200, ...o };
  }

  /** Restores persisted bindings (dropping expired ones) and starts the expiry sweep. */
  async start(): Promise<void> {
    const now = this.#o.scheduler.now();
    for (const b of await this.#o.store.load()) {
      if (b.expiresAt <= now) continue;
      const list = this.#byAor.get(b.aor) ?? [];
      list.push(b);
      this.#byAor.set(b.aor, list);
    }
    this.#sweep = this.#o.scheduler.setInterval(() => this.expire(), 1000);
  }

  async stop(): Promise<void> {
    this.#sweep?.cancel();
    await this.#o.store.flush();
  }

  /** Current bindings of an AOR (`sip:user@domain`) or of a bare user, best q first. */
  lookup(aorOrUser: string): Binding[] {
    const now = this.#o.scheduler.now();
    const direct = this.#byAor.get(aorOrUser);
    const list = direct ?? [...this.#byAor.entries()].filter(([k]) => userOfAor(k) === aorOrUser).flatMap(([, v]) => v);
    return list
      .filter((b) => b.expiresAt > now)
      .sort((a, b) => (b.q ?? 1) - (a.q ?? 1) || b.registeredAt - a.registeredAt);
  }

  all(): Binding[] {
    return [...this.#byAor.values()].flat();
  }

  /** Removes bindings past their expiry (called every second; public for tests). */
  expire(): void {
    const now = this.#o.scheduler.now();
    for (const [aor, list] of this.#byAor) {
      const gone = list.filter((b) => b.expiresAt <= now);
      if (gone.length === 0) continue;
      this.#set(
        aor,
        list.filter((b) => b.expiresAt > now),
      );
      for (const b of gone) this.unregistered.emit(b, 'expired');
    }
  }

  async handle(inc: IncomingRequest): Promise<void> {
    const req = inc.request;
    const ua = getHeader(req, 'User-Agent') ?? null;
    const to = toOf(req);
    if (!to || !isSipUri(to.uri)) {
      inc.respond(400, { reason: 'Bad To' });
      return;
    }
    const aor = aorOf(to.uri);
    // §10.3 steps 4–6 / §22.3: authenticate (401 challenge), then authorize the AOR.
    const verdict = await this.#o.digest.verify('REGISTER', getHeader(req, 'Authorization'));
    // A locked user stays usable from an address where it already holds a live binding, so an
    // attacker's failures cannot stop the real phone's refreshes (docs/decisions/0102).
    const lockedUser =
      verdict.user !== null &&
      this.#o.isUserLocked?.(verdict.user) === true &&
      !this.lookup(verdict.user).some((b) => b.source.host === inc.source.host);
    if (!verdict.ok || lockedUser) {
      const reason = lockedUser ? 'locked' : verdict.ok ? 'locked' : verdict.reason;
      if (reason !== 'missing' && reason !== 'stale') {
        this.authFailed.emit({ source: inc.source, user: verdict.user, reason, userAgent: ua });
      }
      // Unknown user, wrong password, locked user, replay: one identical answer (no enumeration).
      const challenges = this.#o.digest.challenges(reason === 'stale', ua);
      inc.respond(401, { headers: challenges.map((c) => ['WWW-Authenticate', c] as const) });
      return;
    }
    if (userDecoded(to.uri as SipUri) !== verdict.user) {
      this.authFailed.emit({ source: inc.source, user: verdict.user, reason: 'forbidden-aor', userAgent: ua });
      inc.respond(403);
      return;
    }
    this.authSucceeded.emit({ source: inc.source, user: verdict.user });
    const contacts = contactsOf(req);
    const cseq = cseqOf(req);
    if (contacts === null || !cseq) {
      inc.respond(400);
      return;
    }
    const callId = getHeader(req, 'Call-ID') ?? '';
    const headerExpires = intHeader(req, 'Expires');
    const now = this.#o.scheduler.now();
    const current = this.lookup(aor).filter((b) => b.aor === aor);

    if (contacts === '*') {
      // §10.3 step 6: "*" only with Expires: 0.
      if (headerExpires !== 0) {
        inc.respond(400, { reason: 'Wildcard Contact Requires Expires: 0' });
        return;
      }
      this.#set(aor, []);
      for (const b of current) this.unregistered.emit(b, 'removed');
      this.#ok(inc, aor);
      return;
    }

    let next = [...current];
    const added: Binding[] = [];
    const removed: Binding[] = [];
    for (const c of contacts) {
      const uri = formatUri(c.uri);
      const p = c.params.get('expires');
      let expires =
        p !== undefined && p !== null && /^[0-9]+$/.test(p) ? Number(p) : (headerExpires ?? this.#o.defaultExpires);
      if (expires > 0 && expires < this.#o.minExpires) {
        inc.respond(423, { headers: [['Min-Expires', String(this.#o.minExpires)]] });
        return;
      }
      expires = Math.min(expires, this.#o.maxExpires);
      const existing = next.find((b) => sameContact(b.contact, uri));
      // §10.3 step 7: same Call-ID must come with a higher CSeq.
      if (existing && existing.callId === callId && cseq.seq <= existing.cseq) {
        inc.respond(500, { reason: 'Out of Order CSeq' });
        return;
      }
      next = next.filter((b) => b !== existing);
      if (expires === 0) {
        if (existing) removed.push(existing);
        continue;
      }
      const qv = c.params.get('q');
      const binding: Binding = {
        aor,
        contact: uri,
        expiresAt: now + expires * 1000,
        callId,
        cseq: cseq.seq,
        q: qv !== undefined && qv !== null && /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qv) ? Number(qv) : null,
        source: inc.source,
        userAgent: ua,
        registeredAt: existing?.registeredAt ?? now,
      };
      next.push(binding);
      added.push(binding);
    }
    this.#set(aor, next);
    for (const b of removed) this.unregistered.emit(b, 'removed');
    for (const b of added) this.registered.emit(b);
    this.#ok(inc, aor);
  }

  /** §10.3 step 8: 200 OK listing every current binding with its remaining time. */
  #ok(inc: IncomingRequest, aor: string): void {
    const now = this.#o.scheduler.now();
    const headers: Array<readonly [string, string]> = this.lookup(aor)
      .filter((b) => b.aor === aor)
      .map(
        (b) => ['Contact', `<${b.contact}>;expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`] as const,
      );
    headers.push(['Date', new Date(now).toUTCString()]);
    inc.respond(200, { headers });
  }

  #set(aor: string, list: Binding[]): void {
    if (list.length === 0) this.#byAor.delete(aor);
    else this.#byAor.set(aor, list);
    void this.#o.store.save(aor, list);
  }
}

function userOfAor(aor: string): string {
  const m = /^sips?:([^@]*)@/.exec(aor);
  return m ? (m[1] as string) : '';
}

/** §10.3 step 7 compares Contact URIs by §19.1.4; scheme, user, host and port decide here. */
function sameContact(a: string, b: string): boolean {
  const strip = (s: string) => s.replace(/[;?].*$/, '').toLowerCase();
  return strip(a) === strip(b);
}
