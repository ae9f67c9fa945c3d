import { Signal } from '@hotline/core';
import type { SipRequest, SipResponse } from '../message/sip-message.ts';
import { NON_INVITE_MOVES, NonInviteState } from './non-invite-states.ts';
import { TransactionBase, type TransactionContext } from './transaction-base.ts';

/**
 * Non-INVITE server transaction, RFC 3261 §17.2.2.
 *
 *                   |Request received, pass to TU
 *                   V
 *             +-----------+
 *             |  Trying   |-------------+
 *             +-----------+             | 200-699 from TU, send response
 *       1xx from TU |                   |
 *    send response  V                   |
 *  Request    +-----------+ 200-699 from TU, send response
 *  send 1xx   |Proceeding |-------------+
 *  +--------->|           |             |
 *  +----------+-----------+             V
 *                          Request +-----------+ Timer J  +------------+
 *                     send resp.   | Completed |--------->| Terminated |
 *                          +------>|           |          +------------+
 *                          +-------+-----------+
 */
export const NonInviteServerState = NonInviteState;
export type NonInviteServerState = NonInviteState;

export class NonInviteServerTransaction extends TransactionBase<NonInviteServerState> {
  readonly kind = 'non-invite-server' as const;
  readonly request: SipRequest;
  readonly transportError = new Signal<[]>();
  #last: SipResponse | null = null;

  constructor(ctx: TransactionContext, request: SipRequest) {
    super(ctx, NON_INVITE_MOVES, 'trying', `${request.method} server transaction`);
    this.request = request;
  }

  get lastResponse(): SipResponse | null {
    return this.#last;
  }

  /** §17.2.2: a retransmitted request is answered with the last response (none while Trying). */
  receiveRequest(_req: SipRequest): void {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.#last) this.ctx.send(this.#last);
  }

  respond(res: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.#last = res;
    if (!this.ctx.send(res)) {
      this.transportError.emit();
      this.move('terminated');
      return;
    }
    if (res.status < 200) {
      if (this.state === 'trying') this.move('proceeding');
      return;
    }
    this.move('completed');
    this.after('J', this.ctx.timers.J, () => this.move('terminated'));
  }
}
