import type { TimerHandle } from '@hotline/core';
import {
  createResponse,
  Dialog,
  getHeader,
  type IncomingRequest,
  type SipEndpoint,
  type SipResponse,
} from '@hotline/sip';
import { DialogUsage } from './dialog-usage.ts';

/** RFC 3261 §17.1.1.1 / §13.3.1.4: T1, T2 and the 64·T1 give-up for 2xx retransmissions. */
export const T1_MS = 500;
export const T2_MS = 4000;
export const ACK_WAIT_MS = 64 * T1_MS;

/**
 * The answering side of a call (a UAS INVITE usage, RFC 3261 §13.3): provisional responses with
 * or without SDP (early media), the 2xx retransmitted until the ACK arrives (§13.3.1.4), rejection.
 */
export class UasCall extends DialogUsage {
  readonly incoming: IncomingRequest;
  readonly #localTag: string;
  #state: 'proceeding' | 'accepted' | 'confirmed' | 'terminated' = 'proceeding';
  #retransmit: TimerHandle | null = null;
  #giveUp: TimerHandle | null = null;
  /** Called once the ACK for our 2xx arrives. */
  onConfirmed: (() => void) | null = null;

  /**
   * §12.1.1: the dialog exists from our first response with a To tag; it is built here from the
   * response we are about to send (same tag), so that in-dialog requests route to it at once.
   * `dialog` is null when the INVITE cannot make one (no Contact, §8.1.1.8): reject it.
   */
  constructor(endpoint: SipEndpoint, incoming: IncomingRequest, localTag: string, contact: string) {
    super(endpoint, incoming.source, contact);
    this.incoming = incoming;
    this.#localTag = localTag;
    this.dialog = Dialog.asUas(incoming.request, createResponse(incoming.request, 180, { toTag: localTag }));
  }

  override get localTag(): string {
    return this.#localTag;
  }

  get callId(): string {
    return getHeader(this.incoming.request, 'Call-ID') ?? '';
  }

  get state(): string {
    return this.#state;
  }

  get offerSdp(): string {
    return Buffer.from(this.incoming.request.body).toString();
  }

  provisional(status: number, sdp?: string): void {
    if (this.#state !== 'proceeding') return;
    const headers: [string, string][] = [['Contact', this.contact]];
    if (sdp) headers.push(['Content-Type', 'application/sdp']);
    this.incoming.respond(status, { toTag: this.localTag, headers, ...(sdp ? { body: Buffer.from(sdp) } : {}) });
  }

  /** Sends the 2xx and retransmits it (T1 doubling up to T2) until the ACK, or BYEs after 64·T1. */
  accept(sdp: string, extraHeaders: [string, string][] = []): void {
    if (this.#state !== 'proceeding') return;
    this.#state = 'accepted';
    const res = this.incoming.respond(200, {
      toTag: this.localTag,
      headers: [['Contact', this.contact], ['Content-Type', 'application/sdp'], ...extraHeaders],
      body: Buffer.from(sdp),
    });
    const dest = this.endpoint.responseDestination(
      this.incoming.transport,
      this.incoming.request,
      this.incoming.source,
    );
    if (!this.incoming.transport.reliable) {
      let interval = T1_MS;
      const again = () => {
        if (this.#state !== 'accepted') return;
        this.endpoint.sendRaw(res as SipResponse, dest);
        interval = Math.min(interval * 2, T2_MS);
        this.#retransmit = this.endpoint.scheduler.setTimeout(again, interval);
      };
      this.#retransmit = this.endpoint.scheduler.setTimeout(again, interval);
    }
    this.#giveUp = this.endpoint.scheduler.setTimeout(() => {
      if (this.#state !== 'accepted') return;
      // §13.3.1.4: no ACK within 64·T1 — the dialog is confirmed and then ended with BYE.
      this.#stopTimers();
      this.#state = 'confirmed';
      this.bye(102, 'No ACK');
    }, ACK_WAIT_MS);
  }

  /** The ACK for our 2xx (routed here by the switch by Call-ID and tags). */
  acked(): void {
    if (this.#state !== 'accepted') return;
    this.#stopTimers();
    this.#state = 'confirmed';
    this.onConfirmed?.();
  }

  reject(status: number, opts: { reason?: string; q850?: number; headers?: [string, string][] } = {}): void {
    if (this.#state !== 'proceeding') return;
    this.#state = 'terminated';
    const headers = [...(opts.headers ?? [])];
    if (opts.q850) headers.push(['Reason', `Q.850;cause=${opts.q850}`]);
    this.incoming.respond(status, { toTag: this.localTag, headers, ...(opts.reason ? { reason: opts.reason } : {}) });
    this.finish({ status, q850: opts.q850 ?? null, text: opts.reason ?? String(status), by: 'local' });
  }

  /** CANCEL from the caller (§9.2): the endpoint has already answered 487. */
  cancelled(): void {
    if (this.#state !== 'proceeding') return;
    this.#state = 'terminated';
    this.finish({ status: 487, q850: 16, text: 'Cancelled', by: 'remote' });
  }

  override bye(q850 = 16, text = 'Normal Clearing'): void {
    if (this.#state === 'proceeding') {
      this.reject(q850 === 17 ? 486 : 480, { q850 });
      return;
    }
    this.#stopTimers();
    this.#state = 'terminated';
    super.bye(q850, text);
  }

  protected override finish(end: Parameters<DialogUsage['finish']>[0]): void {
    this.#stopTimers();
    this.#state = 'terminated';
    super.finish(end);
  }

  #stopTimers(): void {
    this.#retransmit?.cancel();
    this.#giveUp?.cancel();
    this.#retransmit = null;
    this.#giveUp = null;
  }

  /** Session-Expires the caller asked for (RFC 4028 §9), in seconds. */
  sessionExpires(): number | null {
    const v = /^\s*([0-9]{1,6})/.exec(getHeader(this.incoming.request, 'Session-Expires') ?? '');
    return v ? Number(v[1]) : null;
  }
}
