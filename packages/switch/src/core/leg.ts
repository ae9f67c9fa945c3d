import type { Cdr, HangupCause, LegView } from '@hotline/contracts';
import { type TransitionTable, transition } from '@hotline/core';
import type { NegotiatedAudio } from '@hotline/media';
import type { UacCall } from '../sip/uac-call.ts';
import type { UasCall } from '../sip/uas-call.ts';

/**
 * A leg: one SIP dialog with one media endpoint (a caller, an agent's phone, a trunk call).
 *
 *   inbound:  offered ──► ringing ⇄ early ──► answered ──► ending ──► ended
 *   outbound: calling ──► ringing ⇄ early ──► answered ──► ending ──► ended
 *   (any state before `ended` may end at once: CANCEL, reject, failure, BYE)
 *
 * `ringing` = 180 sent/received without media; `early` = 183 with SDP (ringback or far-end early
 * media flows). Hold is orthogonal (`HoldState`): `local` = we hold the peer (we sent sendonly),
 * `remote` = the peer holds us (it sent sendonly/inactive), `both`.
 */
export const LegState = {
  Offered: 'offered',
  Calling: 'calling',
  Ringing: 'ringing',
  Early: 'early',
  Answered: 'answered',
  Ending: 'ending',
  Ended: 'ended',
} as const;
export type LegState = (typeof LegState)[keyof typeof LegState];

export const LEG_MOVES: TransitionTable<LegState> = {
  offered: ['ringing', 'early', 'answered', 'ending', 'ended'],
  calling: ['ringing', 'early', 'answered', 'ending', 'ended'],
  ringing: ['early', 'answered', 'ending', 'ended'],
  early: ['ringing', 'answered', 'ending', 'ended'],
  answered: ['ending', 'ended'],
  ending: ['ended'],
  ended: [],
};

export type HoldState = 'none' | 'local' | 'remote' | 'both';

export const HOLD_MOVES: TransitionTable<HoldState> = {
  none: ['local', 'remote'],
  local: ['none', 'both'],
  remote: ['none', 'both'],
  both: ['local', 'remote'],
};

/** Hold state after one side holds (`on`) or resumes (`!on`). */
export function nextHold(h: HoldState, side: 'local' | 'remote', on: boolean): HoldState {
  const local = h === 'local' || h === 'both';
  const remote = h === 'remote' || h === 'both';
  const l = side === 'local' ? on : local;
  const r = side === 'remote' ? on : remote;
  return l && r ? 'both' : l ? 'local' : r ? 'remote' : 'none';
}

export interface LegInit {
  id: string;
  direction: 'inbound' | 'outbound';
  sip: UasCall | UacCall;
  caller: string;
  callee: string;
  trunkId: string | null;
  extension: string | null;
  did: string | null;
  startedAt: number;
}

export class Leg {
  readonly id: string;
  readonly direction: 'inbound' | 'outbound';
  readonly sip: UasCall | UacCall;
  readonly caller: string;
  readonly callee: string;
  readonly trunkId: string | null;
  readonly extension: string | null;
  readonly did: string | null;
  readonly startedAt: number;
  #state: LegState;
  #hold: HoldState = 'none';
  answeredAt: number | null = null;
  endedAt: number | null = null;
  cause: HangupCause | null = null;
  /** Media endpoint in the engine, once allocated. */
  endpointId: string | null = null;
  localPort = 0;
  negotiated: NegotiatedAudio | null = null;
  /** Our SDP for this leg (answer for inbound, offer for outbound) and its o= version. */
  localSdp = '';
  sdpVersion = 1;
  readonly sdpSessionId = String(Math.floor(Math.random() * 1e9));
  bridgeId: string | null = null;
  readonly bridgeIds: string[] = [];
  /** Who decides what follows: static route, control, or the fallback route. */
  routedBy: 'switch' | 'control' | 'fallback' = 'switch';
  record = true;

  constructor(init: LegInit) {
    this.id = init.id;
    this.direction = init.direction;
    this.sip = init.sip;
    this.caller = init.caller;
    this.callee = init.callee;
    this.trunkId = init.trunkId;
    this.extension = init.extension;
    this.did = init.did;
    this.startedAt = init.startedAt;
    this.#state = init.direction === 'inbound' ? 'offered' : 'calling';
  }

  get state(): LegState {
    return this.#state;
  }

  get hold(): HoldState {
    return this.#hold;
  }

  get live(): boolean {
    return this.#state !== 'ending' && this.#state !== 'ended';
  }

  move(to: LegState): void {
    if (to === this.#state) return;
    this.#state = transition(LEG_MOVES, this.#state, to, `leg ${this.id}`);
  }

  setHold(side: 'local' | 'remote', on: boolean): boolean {
    const next = nextHold(this.#hold, side, on);
    if (next === this.#hold) return false;
    this.#hold = transition(HOLD_MOVES, this.#hold, next, `hold of leg ${this.id}`);
    return true;
  }

  view(): LegView {
    return {
      legId: this.id,
      direction: this.direction,
      state: this.#state,
      hold: this.#hold,
      callId: this.sip.callId,
      caller: this.caller,
      callee: this.callee,
      trunkId: this.trunkId,
      extension: this.extension,
      bridgeId: this.bridgeId,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
    };
  }

  cdr(): Cdr {
    return {
      legId: this.id,
      callId: this.sip.callId,
      direction: this.direction,
      caller: this.caller,
      callee: this.callee,
      trunkId: this.trunkId,
      extension: this.extension,
      startedAt: this.startedAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt ?? this.startedAt,
      cause: this.cause ?? { sip: 0, q850: 0, text: 'unknown', by: 'system' },
      bridgeIds: [...this.bridgeIds],
    };
  }
}

/**
 * SIP status → Q.850 cause (RFC 3398 §8.2.6.1, reversed where needed) for CDRs of failed legs.
 */
export function q850OfStatus(status: number): number {
  const map: Record<number, number> = {
    200: 16,
    403: 21,
    404: 1,
    408: 102,
    480: 18,
    486: 17,
    487: 16,
    488: 65,
    500: 41,
    503: 34,
    603: 21,
  };
  return map[status] ?? (status >= 600 ? 21 : status >= 500 ? 38 : 31);
}

/** Q.850 cause → SIP status for rejecting an unanswered inbound leg (RFC 3398 §7.2.4.1). */
export function statusOfQ850(q850: number): number {
  const map: Record<number, number> = { 1: 404, 17: 486, 18: 408, 19: 480, 21: 403, 34: 503, 38: 503, 102: 408 };
  return map[q850] ?? 480;
}
