import { Signal } from '@hotline/core';
import {
  type Destination,
  Dialog,
  DigestClient,
  getHeaders,
  type InviteClientTransaction,
  type SipEndpoint,
  type SipRequest,
  type SipResponse,
  setHeader,
  tagOf,
  toOf,
} from '@hotline/sip';
import { DialogUsage, newTag, reasonQ850 } from './dialog-usage.ts';

export interface UacCallOptions {
  /** Request-URI. */
  uri: string;
  from: string;
  to: string;
  callId: string;
  contact: string;
  dest: Destination;
  sdp: string;
  credentials?: { username: string; password: string } | undefined;
  headers?: [string, string][];
}

/**
 * The calling side of a call (RFC 3261 §13.2): INVITE, provisional responses (early dialogs with
 * SDP = early media), one digest retry on 401/407 (§22.2), ACK for the 2xx, CANCEL while ringing.
 */
export class UacCall extends DialogUsage {
  /** 1xx with its SDP when present (183 Session Progress = early media). */
  readonly progress = new Signal<[number, string | null]>();
  readonly answered = new Signal<[string]>();
  readonly failed = new Signal<[number, string, number | null]>();
  readonly opts: UacCallOptions;
  readonly #tag = newTag();
  readonly #digest: DigestClient | null;
  #invite: SipRequest | null = null;
  /** The 2xx that answered the call. */
  answer: SipResponse | null = null;
  #tx: InviteClientTransaction | null = null;
  #authTried = false;
  #answered = false;
  #cancelled = false;
  #cancelSent = false;
  #cseq = 1;

  constructor(endpoint: SipEndpoint, opts: UacCallOptions) {
    super(endpoint, opts.dest, opts.contact);
    this.opts = opts;
    this.#digest = opts.credentials ? new DigestClient(opts.credentials) : null;
  }

  override get localTag(): string {
    return this.#tag;
  }

  get callId(): string {
    return this.opts.callId;
  }

  start(auth?: [string, string]): void {
    const o = this.opts;
    const req: SipRequest = { kind: 'request', method: 'INVITE', uri: o.uri, headers: [], body: Buffer.from(o.sdp) };
    setHeader(req, 'From', `${o.from};tag=${this.#tag}`);
    setHeader(req, 'To', o.to);
    setHeader(req, 'Call-ID', o.callId);
    setHeader(req, 'CSeq', `${this.#cseq} INVITE`);
    setHeader(req, 'Contact', o.contact);
    setHeader(req, 'Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE');
    setHeader(req, 'Supported', 'timer, replaces');
    for (const [n, v] of o.headers ?? []) req.headers.push({ name: n, value: v });
    if (auth) req.headers.push({ name: auth[0], value: auth[1] });
    setHeader(req, 'Content-Type', 'application/sdp');
    setHeader(req, 'Content-Length', String(req.body.length));
    this.#invite = req;
    const tx = this.endpoint.sendRequest(req, o.dest) as InviteClientTransaction;
    this.#tx = tx;
    tx.response.on((res) => this.#onResponse(req, res));
    tx.timedOut.on(() => this.#fail(408, 'Request Timeout', 102));
    tx.transportError.on(() => this.#fail(503, 'Transport Error', 38));
  }

  #onResponse(req: SipRequest, res: SipResponse): void {
    const body = res.body.length > 0 ? Buffer.from(res.body).toString() : null;
    if (res.status < 200) {
      // §9.1: a CANCEL asked for before any provisional response goes out now.
      if (this.#cancelled) this.#sendCancel();
      if (res.status > 100 && !this.#cancelled) {
        this.#early(req, res);
        this.progress.emit(res.status, body);
      }
      return;
    }
    if (res.status < 300) {
      const d = this.#early(req, res);
      if (!d) {
        this.#fail(502, 'Bad 2xx (no To tag)', 111);
        return;
      }
      // The 2xx confirms the dialog and sets the remote target (§12.1.2) before the ACK is built.
      d.receiveResponse(res);
      // §13.2.2.4: ACK every 2xx, including retransmissions.
      const ack = this.buildRequest('ACK', { ackFor: this.#cseq });
      if (ack) this.endpoint.sendAck(ack, this.dest);
      if (this.#answered) return;
      this.#answered = true;
      this.answer = res;
      if (this.#cancelled) {
        void this.send('BYE', { headers: [['Reason', 'Q.850;cause=16;text="Cancelled"']] });
        return;
      }
      this.answered.emit(body ?? '');
      return;
    }
    // §22.2: one retry with credentials when the far end (a carrier trunk) challenges.
    if ((res.status === 401 || res.status === 407) && this.#digest && !this.#authTried) {
      this.#authTried = true;
      const challenges = getHeaders(res, res.status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate');
      const value = this.#digest.authorize(challenges, 'INVITE', this.opts.uri);
      if (value) {
        this.#cseq++;
        this.dialog = null;
        this.start([res.status === 401 ? 'Authorization' : 'Proxy-Authorization', value]);
        return;
      }
    }
    this.#fail(res.status, res.reason, reasonQ850(res));
  }

  /** §12.1.2: the (early) dialog from a response with a To tag; a 2xx from another fork replaces it. */
  #early(req: SipRequest, res: SipResponse): Dialog | null {
    const tag = tagOf(toOf(res));
    if (!tag) return this.dialog;
    if (!this.dialog || (this.dialog.id.remoteTag !== tag && !this.#answered)) this.dialog = Dialog.asUac(req, res);
    return this.dialog;
  }

  #fail(status: number, reason: string, q850: number | null): void {
    if (this.done) return;
    this.failed.emit(status, reason, q850);
    this.finish({ status, q850, text: reason, by: 'remote' });
  }

  /** §9.1: CANCEL while ringing; a 2xx that crosses it is ACKed and BYEd. */
  cancel(): void {
    if (this.done) return;
    if (this.#answered) {
      this.bye(16);
      return;
    }
    this.#cancelled = true;
    this.#sendCancel();
    this.finish({ status: 487, q850: 16, text: 'Cancelled', by: 'local' });
  }

  #sendCancel(): void {
    if (!this.#cancelSent && this.#tx && this.endpoint.cancel(this.#tx, this.opts.dest)) this.#cancelSent = true;
  }

  get invite(): SipRequest | null {
    return this.#invite;
  }

  get isAnswered(): boolean {
    return this.#answered;
  }
}
