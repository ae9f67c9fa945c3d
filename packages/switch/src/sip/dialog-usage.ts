import { Signal } from '@hotline/core';
import {
  getHeader,
  type IncomingRequest,
  type SipEndpoint,
  type SipRequest,
  type SipResponse,
  setHeader,
} from '@hotline/sip';
import { type Dialog, type InDialogOptions, inDialogRequest } from './dialog.ts';

/** Why a call's dialog ended, as seen by the SIP layer. */
export interface SipEnd {
  /** SIP status (200 for a BYE after answer). */
  status: number;
  /** Q.850 cause from a Reason header (RFC 3326), when the peer gave one. */
  q850: number | null;
  text: string;
  by: 'local' | 'remote';
}

/** RFC 3326: `Reason: Q.850;cause=16;text="..."`. */
export function reasonQ850(msg: SipRequest | SipResponse): number | null {
  const m = /Q\.850\s*;[^,]*cause\s*=\s*([0-9]{1,3})/i.exec(getHeader(msg, 'Reason') ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * What an established (or early) dialog does regardless of who created it: receive in-dialog
 * requests (§12.2.2), send requests inside it (§12.2.1), BYE (§15).
 */
export abstract class DialogUsage {
  readonly ended = new Signal<[SipEnd]>();
  /** A re-INVITE or UPDATE with an offer (hold/unhold, session refresh); the owner answers it. */
  readonly offer = new Signal<[IncomingRequest]>();
  /** Other in-dialog requests: INFO (DTMF), REFER, NOTIFY, OPTIONS, MESSAGE. */
  readonly request = new Signal<[IncomingRequest]>();
  readonly endpoint: SipEndpoint;
  dialog: Dialog | null = null;
  done = false;

  protected constructor(endpoint: SipEndpoint) {
    this.endpoint = endpoint;
  }

  /** Called by the switch for a request whose dialog key matches. */
  receive(inc: IncomingRequest): void {
    const d = this.dialog;
    if (!d) {
      inc.respond(481);
      return;
    }
    const seq = Number((getHeader(inc.request, 'CSeq') ?? '0').split(/\s+/)[0]) || 0;
    // §12.2.2: a lower CSeq than the last one is out of order → 500.
    if (seq <= d.remoteSeq && d.remoteSeq !== 0) {
      inc.respond(500, { reason: 'Out of order CSeq', toTag: d.localTag });
      return;
    }
    d.remoteSeq = seq;
    switch (inc.request.method) {
      case 'BYE':
        inc.respond(200, { toTag: d.localTag });
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

  /** Sends a request inside the dialog; resolves with its final response (or a 408 on timeout). */
  send(method: string, opts: InDialogOptions = {}): Promise<SipResponse> {
    const d = this.dialog;
    if (!d) return Promise.resolve(synthetic(481));
    const req = inDialogRequest(d, method, opts);
    return new Promise((resolve) => {
      const tx = this.endpoint.sendRequest(req, d.dest);
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
          const ack = inDialogRequest(d, 'ACK', { cseq: Number((getHeader(req, 'CSeq') ?? '0').split(' ')[0]) });
          this.endpoint.sendAck(ack, d.dest);
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
    this.ended.emit(end);
  }
}

export function synthetic(status: number): SipResponse {
  const res: SipResponse = { kind: 'response', status, reason: 'Local', headers: [], body: new Uint8Array(0) };
  setHeader(res, 'CSeq', '0 NONE');
  return res;
}
