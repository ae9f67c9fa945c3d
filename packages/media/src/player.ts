import { type ChinaToneName, ChinaTones, ToneGenerator, type ToneSpec } from './tone-generator.ts';

/** One thing to play. `durationMs` omitted on a tone means "until stopped". */
export type PlayItem =
  | { kind: 'audio'; samples: Int16Array }
  | { kind: 'tone'; tone: ChinaToneName | ToneSpec; durationMs?: number }
  | { kind: 'silence'; ms: number };

export interface PlayOptions {
  /** Start again at the first item after the last (music on hold). */
  loop?: boolean;
  /** A DTMF digit stops playback (barge-in). */
  stopOnDtmf?: boolean;
}

export type PlayerStatus = 'playing' | 'done';

/**
 * Plays a sequence of items into 20 ms frames. Pure: `next()` fills a frame and reports whether the
 * sequence has ended. The worker owns timers and files; this owns only the position.
 */
export class Player {
  readonly stopOnDtmf: boolean;
  readonly #items: readonly PlayItem[];
  readonly #loop: boolean;
  #index = 0;
  #pos = 0;
  #tone: ToneGenerator | undefined;
  #done = false;

  constructor(items: readonly PlayItem[], opts: PlayOptions = {}) {
    this.#items = items;
    this.#loop = opts.loop ?? false;
    this.stopOnDtmf = opts.stopOnDtmf ?? false;
    if (items.length === 0) this.#done = true;
  }

  get done(): boolean {
    return this.#done;
  }

  /** Fills `out` (rest with silence once finished); returns 'done' when nothing is left to play. */
  next(out: Int16Array): PlayerStatus {
    out.fill(0);
    let o = 0;
    let emptyPasses = 0;
    while (o < out.length && !this.#done) {
      const item = this.#items[this.#index]!;
      const wrote = this.#fillFrom(item, out, o);
      o += wrote;
      if (o < out.length) {
        if (!this.#advance()) break;
        // A loop of zero-length items must not spin forever.
        emptyPasses = wrote === 0 ? emptyPasses + 1 : 0;
        if (emptyPasses > this.#items.length) {
          this.#done = true;
          break;
        }
      }
    }
    return o > 0 || !this.#done ? 'playing' : 'done';
  }

  stop(): void {
    this.#done = true;
  }

  #fillFrom(item: PlayItem, out: Int16Array, o: number): number {
    const want = out.length - o;
    if (item.kind === 'audio') {
      const n = Math.min(want, item.samples.length - this.#pos);
      out.set(item.samples.subarray(this.#pos, this.#pos + n), o);
      this.#pos += n;
      return n;
    }
    const total =
      item.kind === 'silence'
        ? (item.ms * 8) | 0
        : item.durationMs === undefined
          ? Infinity
          : (item.durationMs * 8) | 0;
    const n = Math.min(want, total - this.#pos);
    if (item.kind === 'tone') {
      this.#tone ??= new ToneGenerator(typeof item.tone === 'string' ? ChinaTones[item.tone] : item.tone);
      this.#tone.fill(out.subarray(o, o + n));
    }
    this.#pos += n;
    return n;
  }

  /** Moves to the next item; false when the sequence is over. */
  #advance(): boolean {
    this.#pos = 0;
    this.#tone = undefined;
    this.#index++;
    if (this.#index >= this.#items.length) {
      if (!this.#loop) {
        this.#done = true;
        return false;
      }
      this.#index = 0;
    }
    return true;
  }
}
