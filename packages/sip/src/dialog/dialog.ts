import { randomInt } from 'node:crypto';
import { type TransitionTable, transition } from '@hotline/core';
import { contactsOf, cseqOf, fromOf, getHeader, getHeaders, setHeader, tagOf, toOf } from '../message/headers.ts';
import { parseNameAddr } from '../message/name-addr.ts';
import { EMPTY_BODY, type SipRequest, type SipResponse } from '../message/sip-message.ts';
import { formatUri, isSipUri, parseUri, type SipUri } from '../message/uri.ts';

/**
 * A dialog, RFC 3261 §12: identified by Call-ID + local tag + remote tag, with the route set
 * (from Record-Route), the remote target (Contact), and both CSeq spaces.
 *
 *   (1xx with To tag)        (2xx)
 *   ──────────────► Early ──────────► Confirmed ──► Terminated
 *   (2xx) ─────────────────────────────►│              ▲
 *                   └──── (non-2xx final / BYE) ───────┘
 */
export const DialogState = { Early: 'early', Confirmed: 'confirmed', Terminated: 'terminated' } as const;
export type DialogState = (typeof DialogState)[keyof typeof DialogState];

const MOVES: TransitionTable<DialogState> = {
  early: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
};

export interface DialogId {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
}

export function dialogKey(id: DialogId): string {
  return `${id.callId}|${id.localTag}|${id.remoteTag}`;
}

export class Dialog {
  readonly id: DialogId;
  readonly localUri: string;
  readonly remoteUri: string;
  /** Route set, in the order the Route headers of our requests list them. Fixed once confirmed (§12.1). */
  routeSet: string[];
  remoteTarget: string;
  readonly secure: boolean;
  localSeq: number;
  remoteSeq: number | null;
  #state: DialogState;

  private constructor(x: {
    id: DialogId;
    localUri: string;
    remoteUri: string;
    routeSet: string[];
    remoteTarget: string;
    secure: boolean;
    localSeq: number;
    remoteSeq: number | null;
    state: DialogState;
  }) {
    this.id = x.id;
    this.localUri = x.localUri;
    this.remoteUri = x.remoteUri;
    this.routeSet = x.routeSet;
    this.remoteTarget = x.remoteTarget;
    this.secure = x.secure;
    this.localSeq = x.localSeq;
    this.remoteSeq = x.remoteSeq;
    this.#state = x.state;
  }

  get state(): DialogState {
    return this.#state;
  }

  /**
   * §12.1.1: the UAS side, from the request and our 1xx/2xx carrying a To tag. Route set = the
   * request's Record-Route in order; remote target = its Contact; remote CSeq = its CSeq.
   */
  static asUas(req: SipRequest, res: SipResponse): Dialog | null {
    const localTag = tagOf(toOf(res));
    const remoteTag = tagOf(fromOf(req));
    const contact = firstContact(req);
    const cseq = cseqOf(req);
    const from = fromOf(req);
    const to = toOf(req);
    if (!localTag || remoteTag === null || !contact || !cseq || !from || !to) return null;
    return new Dialog({
      id: { callId: getHeader(req, 'Call-ID') ?? '', localTag, remoteTag },
      localUri: formatUri(to.uri),
      remoteUri: formatUri(from.uri),
      routeSet: getHeaders(req, 'Record-Route'),
      remoteTarget: contact,
      secure: req.uri.startsWith('sips:'),
      // §12.1.1: the local sequence number is empty; we start ours at a random value below 2**31.
      localSeq: randomInt(1, 2 ** 20),
      remoteSeq: cseq.seq,
      state: res.status < 200 ? 'early' : 'confirmed',
    });
  }

  /** §12.1.2: the UAC side, from our request and a 1xx/2xx with a To tag; Record-Route reversed. */
  static asUac(req: SipRequest, res: SipResponse): Dialog | null {
    const localTag = tagOf(fromOf(req));
    const remoteTag = tagOf(toOf(res));
    const contact = firstContact(res);
    const cseq = cseqOf(req);
    const from = fromOf(req);
    const to = toOf(req);
    if (localTag === null || !remoteTag || !cseq || !from || !to) return null;
    return new Dialog({
      id: { callId: getHeader(req, 'Call-ID') ?? '', localTag, remoteTag },
      localUri: formatUri(from.uri),
      remoteUri: formatUri(to.uri),
      routeSet: getHeaders(res, 'Record-Route').reverse(),
      remoteTarget: contact ?? req.uri,
      secure: req.uri.startsWith('sips:'),
      localSeq: cseq.seq,
      remoteSeq: null,
      state: res.status < 200 ? 'early' : 'confirmed',
    });
  }

  /** A later response of the dialog-creating transaction: 2xx confirms (and refreshes the target). */
  receiveResponse(res: SipResponse): void {
    if (res.status >= 200 && res.status < 300) {
      const c = firstContact(res);
      if (c) this.remoteTarget = c;
      if (this.#state === 'early') {
        // §12.1.2: the route set of the 2xx replaces the early one.
        const rr = getHeaders(res, 'Record-Route');
        if (rr.length > 0) this.routeSet = rr.reverse();
        this.#move('confirmed');
      }
    } else if (res.status >= 300 && this.#state === 'early') {
      this.#move('terminated');
    }
  }

  /**
   * §12.2.2: an in-dialog request. A CSeq lower than the last one is out of order (answer 500);
   * a target-refresh request (INVITE, UPDATE) replaces the remote target with its Contact.
   */
  receiveRequest(req: SipRequest): 'ok' | 'out-of-order' {
    const cseq = cseqOf(req);
    if (!cseq) return 'out-of-order';
    if (req.method !== 'ACK' && req.method !== 'CANCEL') {
      if (this.remoteSeq !== null && cseq.seq <= this.remoteSeq) return 'out-of-order';
      this.remoteSeq = cseq.seq;
    }
    if (req.method === 'INVITE' || req.method === 'UPDATE') {
      const c = firstContact(req);
      if (c) this.remoteTarget = c;
    }
    if (req.method === 'BYE') this.terminate();
    return 'ok';
  }

  /**
   * §12.2.1.1: a request within the dialog. Loose routing: Request-URI = remote target and the route
   * set as Route. Strict routing (first route without `lr`): Request-URI = first route, Route = the
   * rest plus the remote target. CSeq is the next local number (ACK reuses the INVITE's, §13.2.2.4).
   */
  createRequest(method: string, opts: { contact?: string; ackFor?: number } = {}): SipRequest {
    const req: SipRequest = { kind: 'request', method, uri: this.remoteTarget, headers: [], body: EMPTY_BODY };
    const routes = [...this.routeSet];
    const first = routes[0] ? parseNameAddr(routes[0]) : null;
    if (first && isSipUri(first.uri) && !(first.uri as SipUri).params.has('lr')) {
      req.uri = formatUri(first.uri);
      routes.shift();
      routes.push(`<${this.remoteTarget}>`);
    }
    for (const r of routes) req.headers.push({ name: 'Route', value: r });
    setHeader(req, 'From', `<${this.localUri}>;tag=${this.id.localTag}`);
    setHeader(req, 'To', `<${this.remoteUri}>;tag=${this.id.remoteTag}`);
    setHeader(req, 'Call-ID', this.id.callId);
    let seq: number;
    if (method === 'ACK' && opts.ackFor !== undefined) seq = opts.ackFor;
    else {
      this.localSeq += 1;
      seq = this.localSeq;
    }
    setHeader(req, 'CSeq', `${seq} ${method}`);
    if (opts.contact) setHeader(req, 'Contact', opts.contact);
    return req;
  }

  /** The URI a request of this dialog goes to first (top Route, else the remote target), §8.1.2. */
  nextHop(): SipUri | null {
    const r = this.routeSet[0] ? parseNameAddr(this.routeSet[0]) : null;
    const u = r ? r.uri : parseUri(this.remoteTarget);
    return u && isSipUri(u) ? u : null;
  }

  terminate(): void {
    if (this.#state !== 'terminated') this.#move('terminated');
  }

  #move(to: DialogState): void {
    this.#state = transition(MOVES, this.#state, to, 'dialog');
  }
}

function firstContact(msg: SipRequest | SipResponse): string | null {
  const c = contactsOf(msg);
  return Array.isArray(c) && c[0] ? formatUri(c[0].uri) : null;
}
