import { randomHex, Signal } from '@hotline/core';
import {
  type Destination,
  type Dialog,
  dialogKey,
  fromOf,
  getHeader,
  type IncomingRequest,
  type SipEndpoint,
  type SipRequest,
  type SipResponse,
  setHeader,
  tagOf,
  toOf,
} from '@hotline/sip';

/** Why a call's dialog ended, as seen by the SIP layer. */
export interface SipEnd {
  /** SIP status (200 for a BYE after answer). */
  status: number;
  /** Q.850 cause from a Reason header (RFC 3326), when the peer gave one. */
  q850: number | null;
  text: string;
  by: 'local' | 'remote';
}

export interface InDialogOptions {
  body?: string | Uint8Array;
  contentType?: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  /** ACK for a 2xx reuses the INVITE's CSeq number (§13.2.2.4). */
  ackFor?: number;
}

export function newTag(): string {
  return randomHex(6);
}

export function newCallId(host: string): string {
  return `${randomHex(12)}@${host}`;
}

/** RFC 3326: `Reason: Q.850;cause=16;text="..."`. */
export function reasonQ850(msg: SipRequest | SipResponse): number | null {
  const m = /Q\.850\s*;[^,]*cause\s*=\s*([0-9]{1,3})/i.exec(getHeader(msg, 'Reason') ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * The key of the dialog an incoming request belongs to (§12.2.2: Call-ID, our tag in To, the
 * peer's tag in From) in `dialogKey` form, or null for a request outside any dialog.
 */
export function dialogKeyOfRequest(req: SipRequest): string | null {
  const callId = getHeader(req, 'Call-ID');
  const remoteTag = tagOf(fromOf(req));
  const localTag = tagOf(toOf(req));
  if (!callId || !remoteTag || !localTag) return null;
  return dialogKey({ callId, localTag, remoteTag });
}

/**
 * What an established (or early) dialog does regardless of who created it: receive in-dialog
 * requests (§12.2.2), send requests inside it (§12.2.1), BYE (§15). The dialog state itself
 * (tags, route set, remote target, CSeq spaces) is `@hotline/sip`'s `Dialog`; this usage adds
 * where requests go (`dest`: the flow a registered phone or trunk uses, RFC 5626 spirit, rather
 * than a DNS lookup of the remote target) and our Contact.
 */
export abstract class DialogUsage {
  readonly ended = new Signal<[SipEnd]>();
  /** A re-INVITE or UPDATE with an offer (hold/unhold, session refresh); the owner answers it. */
  readonly offer = new Signal<[IncomingRequest]>();
  /** Other in-dialog requests: INFO (DTMF), REFER, NOTIFY, OPTIONS, MESSAGE. */
  readonly request = new Signal<[IncomingRequest]>();
  readonly endpoint: SipEndpoint;
  /** Our Contact header value. */
  readonly contact: string;
  dest: Destination;
  dialog: Dialog | null = null;
  done = false;

  protected constructor(endpoint: SipEndpoint, dest: Destination, contact: string) {
    this.endpoint = endpoint;
    this.dest = dest;
    this.contact = contact;
  }

  abstract get callId(): string;

  /** The local tag of the dialog ('' before one exists). */
  get localTag(): string {
    return this.dialog?.id.localTag ?? '';
  }

  get key(): string | null {
    return this.dialog ? dialogKey(this.dialog.id) : null;
  }

  /** Called by the switch for a request whose dialog key matches. */
  receive(inc: IncomingRequest): void {
    const d = this.dialog;
    if (!d) {
      inc.respond(481);
      return;
    }
    // §12.2.2: a lower CSeq than the last one is out of order → 500; INVITE/UPDATE refresh the target.
    if (d.receiveRequest(inc.request) === 'out-of-order') {
      inc.respond(500, { reason: 'Out of order CSeq', toTag: d.id.localTag });
      return;
    }
    switch (inc.request.method) {
      case 'BYE':
        inc.respond(200, { toTag: d.id.localTag });
        this.finish({ status: 200, q850: reasonQ850(inc.request) ?? 16, text: 'BYE', by: 'remote' });
        return;
      case 'INVITE':
      case 'UPDATE':
        this.offer.emit(inc);
        return;
      default:
        this.request.emit(inc);
    }
  }

  /** §12.2.1.1: a request inside the dialog with our Contact (target-refresh requests), body and headers. */
  buildRequest(method: string, opts: InDialogOptions = {}): SipRequest | null {
    const d = this.dialog;
    if (!d) return null;
    const withContact = method !== 'ACK' && method !== 'BYE' && method !== 'CANCEL';
    const req = d.createRequest(method, {
      ...(withContact ? { contact: this.contact } : {}),
      ...(opts.ackFor !== undefined ? { ackFor: opts.ackFor } : {}),
    });
    const body = typeof opts.body === 'string' ? Buffer.from(opts.body) : opts.body;
    for (const [n, v] of opts.headers ?? []) req.headers.push({ name: n, value: v });
    if (body && body.length > 0) {
      req.body = body;
      setHeader(req, 'Content-Type', opts.contentType ?? 'application/sdp');
    }
    setHeader(req, 'Content-Length', String(req.body.length));
    return req;
  }

  /** Sends a request inside the dialog; resolves with its final response (or a 408 on timeout). */
  send(method: string, opts: InDialogOptions = {}): Promise<SipResponse> {
    const req = this.buildRequest(method, opts);
    if (!req) return Promise.resolve(synthetic(481));
    const cseq = this.dialog?.localSeq ?? 0;
    return new Promise((resolve) => {
      const tx = this.endpoint.sendRequest(req, this.dest);
      let settled = false;
      const settle = (r: SipResponse) => {
        if (settled) return;
        settled = true;
        resolve(r);
      };
      tx.response.on((res) => {
        if (res.status < 200) return;
        if (method === 'INVITE' && res.status < 300) {
          // §13.2.2.4: the UAC acknowledges every 2xx (retransmissions too) itself.
          const ack = this.buildRequest('ACK', { ackFor: cseq });
          if (ack) this.endpoint.sendAck(ack, this.dest);
        }
        settle(res);
      });
      tx.timedOut.on(() => settle(synthetic(408)));
      tx.transportError.on(() => settle(synthetic(503)));
    });
  }

  /** §15.1.1: BYE, with the Q.850 cause in a Reason header (RFC 3326). */
  bye(q850 = 16, text = 'Normal Clearing'): void {
    if (this.done) return;
    void this.send('BYE', { headers: [['Reason', `Q.850;cause=${q850};text="${text}"`]] });
    this.finish({ status: 200, q850, text, by: 'local' });
  }

  protected finish(end: SipEnd): void {
    if (this.done) return;
    this.done = true;
    this.dialog?.terminate();
    this.ended.emit(end);
  }
}

export function synthetic(status: number): SipResponse {
  const res: SipResponse = { kind: 'response', status, reason: 'Local', headers: [], body: new Uint8Array(0) };
  setHeader(res, 'CSeq', '0 NONE');
  return res;
}
