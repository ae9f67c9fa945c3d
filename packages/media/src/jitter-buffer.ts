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

/** Slots in the ring (a power of two above JITTER_MAX_FRAMES, so in-window sequence numbers never collide). */
const RING = 16;
const EMPTY = -1;

/**
 * A small fixed-depth jitter buffer for 20 ms frames of decoded audio: reorders by sequence number,
 * drops late and duplicate packets, conceals one lost frame by repeating the previous one at half
 * gain (then silence), and bounds its depth. `pop()` is called once per 20 ms tick; `undefined`
 * means "nothing to play" (not yet primed, or the source is silent).
 *
 * Frames live in a ring of preallocated slots indexed by sequence number: `reserve()` hands out the
 * slot to decode a packet into, so the packet path allocates no sample buffers. A frame returned by
 * `pop()` is a view of its slot and stays valid until the next `push`/`reserve` (i.e. for the tick).
 */
export class JitterBuffer {
  readonly stats: JitterStats = { late: 0, concealed: 0, overflowDropped: 0, duplicates: 0 };
  /** Extended sequence number held by each slot, or EMPTY. */
  readonly #seqs = new Array<number>(RING).fill(EMPTY);
  readonly #slots: Int16Array[] = [];
  #count = 0;
  #next: number | undefined;
  #primed = false;
  #misses = 0;
  #last = new Int16Array(160);
  #hasLast = false;
  #conceal = new Int16Array(160);
  #highest: number | undefined;

  get depth(): number {
    return this.#count;
  }

  /** `seq` is the 16-bit RTP sequence number; the samples are copied. */
  push(seq: number, samples: Int16Array): void {
    this.reserve(seq, samples.length)?.set(samples);
  }

  /**
   * The slot to decode packet `seq` into (`length` samples), or undefined when the packet is late or
   * a duplicate (counted). The frame counts as received once reserved.
   */
  reserve(seq: number, length: number): Int16Array | undefined {
    const ext = this.#extend(seq);
    if (this.#next !== undefined && ext < this.#next) {
      this.stats.late++;
      return undefined;
    }
    const i = ext & (RING - 1);
    const held = this.#seqs[i]!;
    if (held === ext) {
      this.stats.duplicates++;
      return undefined;
    }
    if (held !== EMPTY) {
      // The slot holds a frame RING sequence numbers away: keep the newer one.
      if (held > ext) {
        this.stats.overflowDropped++;
        return undefined;
      }
      this.#drop(i);
    }
    let slot = this.#slots[i];
    if (slot?.length !== length) {
      slot = new Int16Array(length);
      this.#slots[i] = slot;
    }
    this.#seqs[i] = ext;
    this.#count++;
    if (this.#highest === undefined || ext > this.#highest) this.#highest = ext;
    while (this.#count > JITTER_MAX_FRAMES) this.#drop(this.#oldestSlot());
    return slot;
  }

  pop(): JitterOutput {
    if (!this.#primed) {
      if (this.#count < JITTER_TARGET_FRAMES) return undefined;
      this.#primed = true;
      this.#next = this.#seqs[this.#oldestSlot()]!;
    }
    const seq = this.#next!;
    const i = seq & (RING - 1);
    if (this.#seqs[i] === seq) {
      const f = this.#slots[i]!;
      this.#next = seq + 1;
      this.#seqs[i] = EMPTY;
      this.#count--;
      this.#misses = 0;
      if (this.#last.length !== f.length) this.#last = new Int16Array(f.length);
      this.#last.set(f);
      this.#hasLast = true;
      return { samples: f, concealed: false };
    }
    this.#misses++;
    if (this.#count > 0) {
      // Later frames are here, so `seq` is lost: conceal it and move on.
      this.#next = seq + 1;
    } else if (this.#misses >= UNDERRUN_RESET_FRAMES) {
      // Nothing for a while: the source paused (or stopped). Re-prime when it comes back.
      this.#primed = false;
      this.#hasLast = false;
      return undefined;
    }
    // Otherwise the buffer ran dry because the sender's clock is a little slow: wait for `seq`
    // (do not skip it) and fill this tick with concealment.
    if (this.#misses > 1 && this.#count === 0) return undefined;
    this.stats.concealed++;
    const n = this.#hasLast ? this.#last.length : 160;
    if (this.#conceal.length !== n) this.#conceal = new Int16Array(n);
    const c = this.#conceal;
    if (this.#misses === 1 && this.#hasLast) {
      for (let k = 0; k < n; k++) c[k] = this.#last[k]! * CONCEAL_GAIN;
    } else c.fill(0);
    return { samples: c, concealed: true };
  }

  /** Forget everything (new source). */
  reset(): void {
    this.#seqs.fill(EMPTY);
    this.#count = 0;
    this.#next = undefined;
    this.#highest = undefined;
    this.#primed = false;
    this.#misses = 0;
    this.#hasLast = false;
  }

  #oldestSlot(): number {
    let best = -1;
    for (let i = 0; i < RING; i++) {
      const s = this.#seqs[i]!;
      if (s !== EMPTY && (best < 0 || s < this.#seqs[best]!)) best = i;
    }
    return best;
  }

  /** Drops the frame in slot `i` to bound the depth (the playout point moves past it). */
  #drop(i: number): void {
    const oldest = this.#seqs[i]!;
    this.#seqs[i] = EMPTY;
    this.#count--;
    this.stats.overflowDropped++;
    if (this.#next !== undefined && this.#next <= oldest) this.#next = oldest + 1;
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
