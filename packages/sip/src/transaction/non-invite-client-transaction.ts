import { Signal } from '@hotline/core';
import type { SipRequest, SipResponse } from '../message/sip-message.ts';
import { NON_INVITE_MOVES, NonInviteState } from './non-invite-states.ts';
import { TransactionBase, type TransactionContext } from './transaction-base.ts';

/**
 * Non-INVITE client transaction, RFC 3261 §17.1.2.
 *
 *                     |Request from TU, request sent
 *   Timer E           V
 *   send request +-----------+ Timer F / transport err.
 *       +--------|  Trying   |--------------------------+
 *       +------->|           |                          |
 *                +-----------+ 200-699 to TU            |
 *              1xx |      +---------------------+      |
 *           to TU  V                            |      |
 *   Timer E  +-----------+ Timer F / t. err.    |      |
 *   send req |Proceeding |--------------------------------+
 *            +-----------+                      |      |  |
 *      200-699 to TU |                          V      V  V
 *                    +--------------------> +-----------+ Timer K +------------+
 *                                           | Completed |-------->| Terminated |
 *                                           +-----------+         +------------+
 */
export const NonInviteClientState = NonInviteState;
export type NonInviteClientState = NonInviteState;

export class NonInviteClientTransaction extends TransactionBase<NonInviteClientState> {
  readonly kind = 'non-invite-client' as const;
  readonly request: SipRequest;
  readonly response = new Signal<[SipResponse]>();
  readonly timedOut = new Signal<[]>();
  readonly transportError = new Signal<[]>();
  #interval: number;

  constructor(ctx: TransactionContext, request: SipRequest) {
    super(ctx, NON_INVITE_MOVES, 'trying', `${request.method} client transaction`);
    this.request = request;
    this.#interval = ctx.timers.E;
  }

  start(): void {
    if (!this.ctx.send(this.request)) {
      this.transportError.emit();
      this.move('terminated');
      return;
    }
    if (!this.ctx.reliable) this.startTimer('E', this.#interval, () => this.#retransmit());
    this.startTimer('F', this.ctx.timers.F, () => {
      if (this.state === 'trying' || this.state === 'proceeding') {
        this.timedOut.emit();
        this.move('terminated');
      }
    });
  }

  /** §17.1.2.2: Trying doubles E up to T2; Proceeding retransmits every T2. */
  #retransmit(): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.ctx.send(this.request);
    this.#interval = this.state === 'trying' ? Math.min(2 * this.#interval, this.ctx.timers.T2) : this.ctx.timers.T2;
    this.startTimer('E', this.#interval, () => this.#retransmit());
  }

  receiveResponse(res: SipResponse): void {
    const s = this.state;
    if (s !== 'trying' && s !== 'proceeding') return; // Completed absorbs retransmitted finals
    if (res.status < 200) {
      if (s === 'trying') this.move('proceeding');
      this.response.emit(res);
      return;
    }
    this.stopTimer('E');
    this.stopTimer('F');
    this.move('completed');
    this.response.emit(res);
    this.after('K', this.ctx.timers.K, () => this.move('terminated'));
  }
}
