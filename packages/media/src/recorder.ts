import { transition } from '@hotline/core';
import type { RecordingChannels } from './recording-file.ts';

export const RecorderState = { Recording: 'recording', Paused: 'paused', Stopped: 'stopped' } as const;
export type RecorderState = (typeof RecorderState)[keyof typeof RecorderState];

const RECORDER_MOVES = {
  recording: ['paused', 'stopped'],
  paused: ['recording', 'stopped'],
  stopped: [],
} as const satisfies Record<RecorderState, readonly RecorderState[]>;

/**
 * The pure half of a call recording: per 20 ms tick it takes the caller's and the agent's frame
 * (either may be missing: silence) and returns the bytes to append — interleaved stereo (left =
 * caller, right = agent) or a clamped mono mix, 16-bit little-endian. While paused it returns
 * nothing, so the paused stretch is absent from the file (the pause is an event, not silence).
 */
export class RecorderCore {
  readonly channels: RecordingChannels;
  readonly #frame: number;
  #state: RecorderState = RecorderState.Recording;

  constructor(channels: RecordingChannels, frameSize = 160) {
    this.channels = channels;
    this.#frame = frameSize;
  }

  get state(): RecorderState {
    return this.#state;
  }

  pause(): void {
    this.#state = transition(RECORDER_MOVES, this.#state, RecorderState.Paused, 'recorder');
  }
  resume(): void {
    this.#state = transition(RECORDER_MOVES, this.#state, RecorderState.Recording, 'recorder');
  }
  stop(): void {
    this.#state = transition(RECORDER_MOVES, this.#state, RecorderState.Stopped, 'recorder');
  }

  /** Bytes one tick appends (while recording). */
  get frameBytes(): number {
    return this.#frame * (this.channels === 'stereo' ? 4 : 2);
  }

  tick(caller: Int16Array | undefined, agent: Int16Array | undefined): Uint8Array | undefined {
    if (this.#state !== RecorderState.Recording) return undefined;
    const out = new Uint8Array(this.frameBytes);
    this.tickInto(caller, agent, out);
    return out;
  }

  /**
   * Like `tick`, but writes the tick's bytes into `out` from `at` (room for `frameBytes`) and returns
   * how many it wrote (0 while paused or stopped): the worker writes straight into the file's chunk.
   */
  tickInto(caller: Int16Array | undefined, agent: Int16Array | undefined, out: Uint8Array, at = 0): number {
    if (this.#state !== RecorderState.Recording) return 0;
    const n = this.#frame;
    if (this.channels === 'stereo') {
      for (let i = 0; i < n; i++) {
        const l = caller ? caller[i]! : 0;
        const r = agent ? agent[i]! : 0;
        const o = at + i * 4;
        out[o] = l & 0xff;
        out[o + 1] = (l >> 8) & 0xff;
        out[o + 2] = r & 0xff;
        out[o + 3] = (r >> 8) & 0xff;
      }
      return n * 4;
    }
    for (let i = 0; i < n; i++) {
      const v = Math.min(32767, Math.max(-32768, (caller ? caller[i]! : 0) + (agent ? agent[i]! : 0)));
      out[at + i * 2] = v & 0xff;
      out[at + i * 2 + 1] = (v >> 8) & 0xff;
    }
    return n * 2;
  }
}
