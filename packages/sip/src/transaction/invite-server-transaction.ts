import { Signal } from '@hotline/core';
import type { SipRequest, SipResponse } from '../message/sip-message.ts';
import { TransactionBase, type TransactionContext } from './transaction-base.ts';

/**
 * INVITE server transaction, RFC 3261 §17.2.1 with RFC 6026 §7.1 (Accepted).
 *
 *                          |INVITE, pass INV to TU, send 100 Trying
 *   INVITE                 V                   send response (300-699), Timer G/H
 *   send last 1xx   +-----------+ -------------------------------------+
 *          +--------| Proceeding|                                      |
 *          +------->|           | 2xx from TU, send, Timer L            |
 *                   +-----------+ ---------------+                     |
 *          1xx from TU: send |                   V                     V
 *                            |            +-----------+   +-----------+ Timer G: resend
 *                            |            |  Accepted |   | Completed |<-------+
 *                            |            +-----------+   +-----------+--------+
 *                            |     2xx from TU: resend |   ACK |   | Timer H: inform TU
 *                            |        Timer L fires    |       V   |
 *                            |                         |  +-----------+ Timer I
 *                            |                         |  | Confirmed |---------+
 *                            |                         |  +-----------+         |
 *                            V                         V                        V
 *                   (transport error)  +--------------------------------------------+
 *                                      |                 Terminated                 |
 *                                      +--------------------------------------------+
 */
export const InviteServerState = {
  Proceeding: 'proceeding',
  Accepted: 'accepted',
  Completed: 'completed',
  Confirmed: 'confirmed',
  Terminated: 'terminated',
} as const;
export type InviteServerState = (typeof InviteServerState)[keyof typeof InviteServerState];

const MOVES = {
  proceeding: ['accepted', 'completed', 'terminated'],
  accepted: ['terminated'],
  completed: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  terminated: [],
} as const satisfies Record<InviteServerState, readonly InviteServerState[]>;

export class InviteServerTransaction extends TransactionBase<InviteServerState> {
  readonly kind = 'invite-server' as const;
  readonly request: SipRequest;
  /** Timer H fired: no ACK came for our final response (§17.2.1). */
  readonly timedOut = new Signal<[]>();
  readonly transportError = new Signal<[]>();
  #last: SipResponse | null = null;
  #interval: number;

  constructor(ctx: TransactionContext, request: SipRequest) {
    super(ctx, MOVES, 'proceeding', 'INVITE server transaction');
    this.request = request;
    this.#interval = ctx.timers.G;
  }

  get lastResponse(): SipResponse | null {
    return this.#last;
  }

  /** A retransmitted INVITE: resend the last provisional (Proceeding) or final (Completed). */
  receiveRequest(req: SipRequest): void {
    if (req.method === 'ACK') {
      // §17.2.1: ACK in Completed → Confirmed, Timer I absorbs ACK retransmissions.
      if (this.state === 'completed') {
        this.stopTimer('G');
        this.stopTimer('H');
        this.move('confirmed');
        this.after('I', this.ctx.timers.I, () => this.move('terminated'));
      }
      return;
    }
    if ((this.state === 'proceeding' || this.state === 'completed') && this.#last) this.ctx.send(this.#last);
  }

  respond(res: SipResponse): void {
    const s = this.state;
    if (s === 'accepted' && res.status >= 200 && res.status < 300) {
      this.#send(res); // RFC 6026 §7.1: the TU retransmits its 2xx through Accepted
      return;
    }
    if (s !== 'proceeding') return;
    this.#last = res;
    if (!this.#send(res)) return;
    if (res.status < 200) return;
    if (res.status < 300) {
      this.move('accepted');
      this.startTimer('L', this.ctx.timers.L, () => this.move('terminated'));
      return;
    }
    this.move('completed');
    if (!this.ctx.reliable) this.startTimer('G', this.#interval, () => this.#retransmit());
    this.startTimer('H', this.ctx.timers.H, () => {
      if (this.state === 'completed') {
        this.timedOut.emit();
        this.move('terminated');
      }
    });
  }

  /** §17.2.1: Timer G doubles up to T2 while waiting for the ACK. */
  #retransmit(): void {
    if (this.state !== 'completed' || !this.#last) return;
    this.ctx.send(this.#last);
    this.#interval = Math.min(2 * this.#interval, this.ctx.timers.T2);
    this.startTimer('G', this.#interval, () => this.#retransmit());
  }

  #send(res: SipResponse): boolean {
    if (this.ctx.send(res)) return true;
    this.transportError.emit();
    if (this.state !== 'terminated') this.move('terminated');
    return false;
  }
}
