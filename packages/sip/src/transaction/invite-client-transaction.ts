import { Signal } from '@hotline/core';
import { getHeader, getHeaders, setHeader } from '../message/headers.ts';
import type { SipRequest, SipResponse } from '../message/sip-message.ts';
import { EMPTY_BODY } from '../message/sip-message.ts';
import { TransactionBase, type TransactionContext } from './transaction-base.ts';

/**
 * INVITE client transaction, RFC 3261 §17.1.1 with the Accepted state of RFC 6026 §7.2.
 *
 *                     |INVITE from TU
 *   Timer A fires     |INVITE sent            Timer B fires / transport error
 *   Reset A,          V                       inform TU
 *   INVITE sent +-----------+ ---------------------------------------------+
 *     +---------|  Calling  |---------+ 2xx to TU                          |
 *     +-------->|           |         |                                    |
 *               +-----------+         |                                    |
 *          300-699 |    | 1xx         |                                    |
 *     ACK sent     |    | to TU       V                                    |
 *     resp. to TU  |    V        +-----------+ 2xx to TU (Timer M)          |
 *                  | +----------+|  Accepted |------------------+          |
 *                  | |Proceeding|+-----------+  Timer M fires   |          |
 *                  | +----------+                               |          |
 *                  |  300-699 |  (2xx → Accepted)               |          |
 *                  V          V                                 V          V
 *               +-----------+ Timer D        +------------------------------+
 *  300-699 ACK  | Completed |--------------->|          Terminated          |
 *               +-----------+                +------------------------------+
 */
export const InviteClientState = {
  Calling: 'calling',
  Proceeding: 'proceeding',
  Accepted: 'accepted',
  Completed: 'completed',
  Terminated: 'terminated',
} as const;
export type InviteClientState = (typeof InviteClientState)[keyof typeof InviteClientState];

const MOVES = {
  calling: ['proceeding', 'accepted', 'completed', 'terminated'],
  proceeding: ['accepted', 'completed', 'terminated'],
  accepted: ['terminated'],
  completed: ['terminated'],
  terminated: [],
} as const satisfies Record<InviteClientState, readonly InviteClientState[]>;

export class InviteClientTransaction extends TransactionBase<InviteClientState> {
  readonly kind = 'invite-client' as const;
  readonly request: SipRequest;
  /** Every response the TU must see: provisional, the first final, and 2xx retransmissions (RFC 6026). */
  readonly response = new Signal<[SipResponse]>();
  readonly timedOut = new Signal<[]>();
  readonly transportError = new Signal<[]>();
  #ack: SipRequest | null = null;
  #interval: number;

  constructor(ctx: TransactionContext, request: SipRequest) {
    super(ctx, MOVES, 'calling', 'INVITE client transaction');
    this.request = request;
    this.#interval = ctx.timers.A;
  }

  start(): void {
    if (!this.ctx.send(this.request)) {
      this.#fail();
      return;
    }
    // §17.1.1.2: Timer A only for unreliable transports; Timer B always.
    if (!this.ctx.reliable) this.startTimer('A', this.#interval, () => this.#retransmit());
    this.startTimer('B', this.ctx.timers.B, () => {
      if (this.state === 'calling' || this.state === 'proceeding') {
        this.timedOut.emit();
        this.move('terminated');
      }
    });
  }

  #retransmit(): void {
    if (this.state !== 'calling') return;
    this.ctx.send(this.request);
    this.#interval *= 2;
    this.startTimer('A', this.#interval, () => this.#retransmit());
  }

  #fail(): void {
    this.transportError.emit();
    if (this.state !== 'terminated') this.move('terminated');
  }

  receiveResponse(res: SipResponse): void {
    const s = this.state;
    if (res.status < 200) {
      if (s === 'calling' || s === 'proceeding') {
        this.stopTimer('A');
        if (s === 'calling') this.move('proceeding');
        this.response.emit(res);
      }
      return;
    }
    if (res.status < 300) {
      // RFC 6026 §8.4: 2xx goes to the TU, which sends the ACK itself (it is a new transaction).
      if (s === 'calling' || s === 'proceeding') {
        this.stopTimer('A');
        this.stopTimer('B');
        this.move('accepted');
        this.startTimer('M', this.ctx.timers.M, () => this.move('terminated'));
        this.response.emit(res);
      } else if (s === 'accepted') {
        this.response.emit(res);
      }
      return;
    }
    if (s === 'calling' || s === 'proceeding') {
      this.stopTimer('A');
      this.stopTimer('B');
      this.#ack = buildNon2xxAck(this.request, res);
      this.ctx.send(this.#ack);
      this.move('completed');
      this.response.emit(res);
      this.after('D', this.ctx.timers.D, () => this.move('terminated'));
    } else if (s === 'completed' && this.#ack) {
      // §17.1.1.2: a retransmitted final response gets the ACK again, not passed up.
      this.ctx.send(this.#ack);
    }
  }
}

/**
 * §17.1.1.3: the ACK for a non-2xx final response — same Request-URI, Call-ID, From, top Via
 * (same branch), To from the response (with its tag), CSeq number with method ACK, and the Route set.
 */
export function buildNon2xxAck(invite: SipRequest, res: SipResponse): SipRequest {
  const ack: SipRequest = { kind: 'request', method: 'ACK', uri: invite.uri, headers: [], body: EMPTY_BODY };
  const via = getHeaders(invite, 'Via')[0];
  if (via) setHeader(ack, 'Via', via);
  for (const r of invite.headers.filter((h) => h.name === 'Route')) ack.headers.push(r);
  setHeader(ack, 'Max-Forwards', '70');
  setHeader(ack, 'From', getHeader(invite, 'From') ?? '');
  setHeader(ack, 'To', getHeader(res, 'To') ?? getHeader(invite, 'To') ?? '');
  setHeader(ack, 'Call-ID', getHeader(invite, 'Call-ID') ?? '');
  const seq = (getHeader(invite, 'CSeq') ?? '1 INVITE').trim().split(/\s+/)[0];
  setHeader(ack, 'CSeq', `${seq} ACK`);
  return ack;
}
