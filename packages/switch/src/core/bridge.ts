import type { BridgeView } from '@hotline/contracts';
import { ErrorCode, HotlineError, type TransitionTable, transition } from '@hotline/core';
import type { BridgeMember, MemberMode } from '@hotline/media';

/**
 * A bridge: legs whose media are joined in the media mixer. Two full members are a call, more a
 * conference; a supervisor joins as listen (监听), whisper (三方协助, heard only by one agent) or
 * barge (强插).
 *
 *   active ──► destroyed
 *
 * `hangupPolicy` says what happens when a member leaves: `all` hangs up the rest when fewer than
 * two full members remain (static routes, fallback, and any bridge while no control is connected);
 * `control` only reports `bridge.left` and lets control decide (e.g. a survey after the agent
 * hangs up).
 */
export const BridgeState = { Active: 'active', Destroyed: 'destroyed' } as const;
export type BridgeState = (typeof BridgeState)[keyof typeof BridgeState];
const BRIDGE_MOVES: TransitionTable<BridgeState> = { active: ['destroyed'], destroyed: [] };

export interface Member {
  legId: string;
  mode: MemberMode;
  whisperTo?: string;
}

export class Bridge {
  readonly id: string;
  readonly createdAt: number;
  readonly hangupPolicy: 'all' | 'control';
  #state: BridgeState = 'active';
  readonly members: Member[] = [];
  recordingId: string | null = null;
  recordingStartedAt = 0;
  /** Legs recorded (caller left, agent right), for `recording.closed`. */
  recordedLegs: string[] = [];

  constructor(id: string, createdAt: number, hangupPolicy: 'all' | 'control') {
    this.id = id;
    this.createdAt = createdAt;
    this.hangupPolicy = hangupPolicy;
  }

  get state(): BridgeState {
    return this.#state;
  }

  destroy(): void {
    this.#state = transition(BRIDGE_MOVES, this.#state, 'destroyed', `bridge ${this.id}`);
  }

  has(legId: string): boolean {
    return this.members.some((m) => m.legId === legId);
  }

  add(legId: string, mode: MemberMode = 'full', whisperTo?: string): void {
    if (this.#state !== 'active') throw new HotlineError(ErrorCode.IllegalTransition, `bridge ${this.id} is destroyed`);
    const existing = this.members.find((m) => m.legId === legId);
    if (mode === 'whisper' && (!whisperTo || !this.has(whisperTo)))
      throw new HotlineError(ErrorCode.BadRequest, 'whisper needs an agent leg of this bridge');
    const m: Member = whisperTo ? { legId, mode, whisperTo } : { legId, mode };
    if (existing) Object.assign(existing, m);
    else this.members.push(m);
  }

  remove(legId: string): boolean {
    const i = this.members.findIndex((m) => m.legId === legId);
    if (i < 0) return false;
    this.members.splice(i, 1);
    for (const m of this.members) if (m.whisperTo === legId) m.mode = 'listen';
    return true;
  }

  /** Members who talk to each other (not listeners or whisperers). */
  get fullMembers(): Member[] {
    return this.members.filter((m) => m.mode === 'full' || m.mode === 'barge');
  }

  mediaMembers(endpointOf: (legId: string) => string | null): BridgeMember[] {
    const out: BridgeMember[] = [];
    for (const m of this.members) {
      const id = endpointOf(m.legId);
      if (!id) continue;
      const wt = m.whisperTo ? endpointOf(m.whisperTo) : null;
      out.push(wt ? { id, mode: m.mode, whisperTo: wt } : { id, mode: m.mode });
    }
    return out;
  }

  view(): BridgeView {
    return {
      bridgeId: this.id,
      members: this.members.map((m) =>
        m.whisperTo ? { ...m, whisperTo: m.whisperTo } : { legId: m.legId, mode: m.mode },
      ),
      recordingId: this.recordingId,
      createdAt: this.createdAt,
    };
  }
}
