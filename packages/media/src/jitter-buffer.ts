/** Frames the buffer holds before it starts playing out (2 × 20 ms). */
export const JITTER_TARGET_FRAMES = 2;
/** Above this depth the oldest frames are dropped to keep delay bounded. */
export const JITTER_MAX_FRAMES = 8;
/** Consecutive missing frames after which the stream is taken as paused and the buffer re-primes. */
const UNDERRUN_RESET_FRAMES = 5;
/** Gain of the concealment frame (the last frame repeated once, faded). */
const CONCEAL_GAIN = 0.5;

export interface JitterStats {
  late: number;
  concealed: number;
  overflowDropped: number;
  duplicates: number;
}

export type JitterOutput = { samples: Int16Array; concealed: boolean } | undefined;

/**
 * A small fixed-depth jitter buffer for 20 ms frames of decoded audio: reorders by sequence number,
 * drops late and duplicate packets, conceals one lost frame by repeating the previous one at half
 * gain (then silence), and bounds its depth. `pop()` is called once per 20 ms tick; `undefined`
 * means "nothing to play" (not yet primed, or the source is silent).
 */
export class JitterBuffer {
  readonly stats: JitterStats = { late: 0, concealed: 0, overflowDropped: 0, duplicates: 0 };
  readonly #frames = new Map<number, Int16Array>();
  #next: number | undefined;
  #primed = false;
  #misses = 0;
  #last: Int16Array | undefined;
  #highest: number | undefined;

  get depth(): number {
    return this.#frames.size;
  }

  /** `seq` is the 16-bit RTP sequence number. */
  push(seq: number, samples: Int16Array): void {
    const ext = this.#extend(seq);
    if (this.#next !== undefined && ext < this.#next) {
      this.stats.late++;
      return;
    }
    if (this.#frames.has(ext)) {
      this.stats.duplicates++;
      return;
    }
    this.#frames.set(ext, samples);
    if (this.#highest === undefined || ext > this.#highest) this.#highest = ext;
    while (this.#frames.size > JITTER_MAX_FRAMES) {
      const oldest = Math.min(...this.#frames.keys());
      this.#frames.delete(oldest);
      this.stats.overflowDropped++;
      if (this.#next !== undefined && this.#next <= oldest) this.#next = oldest + 1;
    }
  }

  pop(): JitterOutput {
    if (!this.#primed) {
      if (this.#frames.size < JITTER_TARGET_FRAMES) return undefined;
      this.#primed = true;
      this.#next = Math.min(...this.#frames.keys());
    }
    const seq = this.#next!;
    const f = this.#frames.get(seq);
    if (f) {
      this.#next = seq + 1;
      this.#frames.delete(seq);
      this.#misses = 0;
      this.#last = f;
      return { samples: f, concealed: false };
    }
    this.#misses++;
    if (this.#frames.size > 0) {
      // Later frames are here, so `seq` is lost: conceal it and move on.
      this.#next = seq + 1;
    } else if (this.#misses >= UNDERRUN_RESET_FRAMES) {
      // Nothing for a while: the source paused (or stopped). Re-prime when it comes back.
      this.#primed = false;
      this.#last = undefined;
      return undefined;
    }
    // Otherwise the buffer ran dry because the sender's clock is a little slow: wait for `seq`
    // (do not skip it) and fill this tick with concealment.
    if (this.#misses > 1 && this.#frames.size === 0) return undefined;
    this.stats.concealed++;
    if (this.#misses === 1 && this.#last) {
      const c = new Int16Array(this.#last.length);
      for (let i = 0; i < c.length; i++) c[i] = this.#last[i]! * CONCEAL_GAIN;
      return { samples: c, concealed: true };
    }
    return { samples: new Int16Array(this.#last?.length ?? 160), concealed: true };
  }

  /** Forget everything (new source). */
  reset(): void {
    this.#frames.clear();
    this.#next = undefined;
    this.#highest = undefined;
    this.#primed = false;
    this.#misses = 0;
    this.#last = undefined;
  }

  /** Extends a 16-bit sequence number to the cycle nearest the highest seen. */
  #extend(seq: number): number {
    if (this.#highest === undefined) return seq + 65536;
    const base = this.#highest - (this.#highest & 0xffff);
    let ext = base + seq;
    if (ext - this.#highest > 32768) ext -= 65536;
    else if (this.#highest - ext > 32768) ext += 65536;
    return ext;
  }
}
