import { randomHex, type Scheduler, Signal, type TimerHandle } from '@hotline/core';
import { setHeader } from '../message/headers.ts';
import { EMPTY_BODY, type SipRequest } from '../message/sip-message.ts';
import type { SipEndpoint } from '../transaction/sip-endpoint.ts';
import type { Binding } from './binding-store.ts';

export interface QualifyResult {
  readonly aor: string;
  readonly contact: string;
  readonly reachable: boolean;
  /** Round-trip time of the OPTIONS, null when unreachable. */
  readonly rttMs: number | null;
  /** True when reachability differs from the previous probe of this contact. */
  readonly changed: boolean;
}

/**
 * OPTIONS "qualify" of registered contacts: every `intervalMs` each binding gets an OPTIONS, sent
 * to the address its REGISTER came from. Any response counts as reachable; a transaction timeout
 * (Timer F) or transport error as unreachable. Results are emitted for the control side.
 */
export class Qualifier {
  readonly result = new Signal<[QualifyResult]>();
  readonly #endpoint: SipEndpoint;
  readonly #scheduler: Scheduler;
  readonly #bindings: () => Binding[];
  readonly #fromUri: string;
  readonly #intervalMs: number;
  readonly #last = new Map<string, boolean>();
  #timer: TimerHandle | null = null;

  constructor(o: { endpoint: SipEndpoint; bindings: () => Binding[]; fromUri: string; intervalMs?: number }) {
    this.#endpoint = o.endpoint;
    this.#scheduler = o.endpoint.scheduler;
    this.#bindings = o.bindings;
    this.#fromUri = o.fromUri;
    this.#intervalMs = o.intervalMs ?? 30_000;
  }

  start(): void {
    this.#timer = this.#scheduler.setInterval(() => this.qualifyAll(), this.#intervalMs);
  }

  stop(): void {
    this.#timer?.cancel();
  }

  qualifyAll(): void {
    for (const b of this.#bindings()) this.qualify(b);
  }

  qualify(b: Binding): void {
    const req: SipRequest = { kind: 'request', method: 'OPTIONS', uri: b.contact, headers: [], body: EMPTY_BODY };
    setHeader(req, 'From', `<${this.#fromUri}>;tag=${randomHex(6)}`);
    setHeader(req, 'To', `<${b.contact}>`);
    setHeader(req, 'Call-ID', `q-${randomHex(10)}`);
    setHeader(req, 'CSeq', '1 OPTIONS');
    const start = this.#scheduler.now();
    let tx: ReturnType<SipEndpoint['sendRequest']>;
    try {
      tx = this.#endpoint.sendRequest(req, b.source);
    } catch {
      this.#emit(b, false, null);
      return;
    }
    let done = false;
    tx.response.on((res) => {
      if (done || res.status < 200) return;
      done = true;
      this.#emit(b, true, this.#scheduler.now() - start);
    });
    const fail = () => {
      if (done) return;
      done = true;
      this.#emit(b, false, null);
    };
    tx.timedOut.on(fail);
    tx.transportError.on(fail);
  }

  #emit(b: Binding, reachable: boolean, rttMs: number | null): void {
    const key = `${b.aor}|${b.contact}`;
    const prev = this.#last.get(key);
    this.#last.set(key, reachable);
    this.result.emit({ aor: b.aor, contact: b.contact, reachable, rttMs, changed: prev !== reachable });
  }
}
