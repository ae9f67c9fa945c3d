import { Goertzel } from './goertzel.ts';
import type { DigitEvent } from './telephone-event.ts';

const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477, 1633];
const KEYS = ['123A', '456B', '789C', '*0#D'];

/** Classic block length at 8 kHz: bins ≈ 39 Hz apart, 25.6 ms per block. */
export const DTMF_BLOCK = 205;
/** ITU-T Q.24: a tone under 40 ms need not be recognised; we require two blocks (51 ms). */
const MIN_BLOCKS_ON = 2;
/** Two blocks without the digit end it (tolerates one bad block mid-tone). */
const MIN_BLOCKS_OFF = 2;
/** Each tone must be at least this peak amplitude (≈ -35 dBm0 in 16-bit linear). */
const MIN_TONE_AMPLITUDE = 400;
/** Normal twist (column weaker than row) and reverse twist limits, dB (Q.24: 8 and 4 dB typical). */
const MAX_NORMAL_TWIST_DB = 8;
const MAX_REVERSE_TWIST_DB = 4;
/** The strongest row/column must exceed the others by this many dB. */
const MIN_RELATIVE_PEAK_DB = 8;
/** Share of the block energy that the two tones must hold (speech fails this). */
const MIN_TONE_SHARE = 0.6;

function db(ratio: number): number {
  return 10 * Math.log10(ratio);
}

/**
 * In-band DTMF receiver: Goertzel on 205-sample blocks with energy, twist and relative-peak checks.
 * Feed it any number of samples; it reports each digit once, when it ends, with the same
 * `DigitEvent` shape as the RFC 4733 receiver. `started` is reported as soon as a digit is valid.
 */
export class DtmfDetector {
  readonly #rows = ROWS.map((f) => new Goertzel(f, 8000, DTMF_BLOCK));
  readonly #cols = COLS.map((f) => new Goertzel(f, 8000, DTMF_BLOCK));
  readonly #block = new Float64Array(DTMF_BLOCK);
  #fill = 0;
  #candidate: string | undefined;
  #candidateBlocks = 0;
  #current: string | undefined;
  #currentBlocks = 0;
  #offBlocks = 0;

  process(samples: Int16Array): { started: string[]; ended: DigitEvent[] } {
    const started: string[] = [];
    const ended: DigitEvent[] = [];
    for (let i = 0; i < samples.length; i++) {
      this.#block[this.#fill++] = samples[i]!;
      if (this.#fill === DTMF_BLOCK) {
        this.#fill = 0;
        this.#onBlock(this.#classify(), started, ended);
      }
    }
    return { started, ended };
  }

  #classify(): string | undefined {
    const b = this.#block;
    let energy = 0;
    for (let i = 0; i < DTMF_BLOCK; i++) energy += b[i]! * b[i]!;
    const minPower = ((MIN_TONE_AMPLITUDE * DTMF_BLOCK) / 2) ** 2;
    const rp = this.#rows.map((g) => g.power(b));
    const cp = this.#cols.map((g) => g.power(b));
    const r = argmax(rp);
    const c = argmax(cp);
    const row = rp[r]!;
    const col = cp[c]!;
    if (row < minPower || col < minPower) return undefined;
    // Twist: column (high group) relative to row (low group).
    const twist = db(col / row);
    if (twist < -MAX_NORMAL_TWIST_DB || twist > MAX_REVERSE_TWIST_DB) return undefined;
    for (let i = 0; i < 4; i++) {
      if (i !== r && db(row / Math.max(rp[i]!, 1e-9)) < MIN_RELATIVE_PEAK_DB) return undefined;
      if (i !== c && db(col / Math.max(cp[i]!, 1e-9)) < MIN_RELATIVE_PEAK_DB) return undefined;
    }
    // A pure tone of amplitude A gives power (A·N/2)² while the block energy is N·A²/2.
    const share = (row + col) / ((energy * DTMF_BLOCK) / 2);
    if (share < MIN_TONE_SHARE) return undefined;
    return KEYS[r]![c]!;
  }

  #onBlock(digit: string | undefined, started: string[], ended: DigitEvent[]): void {
    if (this.#current !== undefined) {
      if (digit === this.#current) {
        this.#currentBlocks += 1 + this.#offBlocks;
        this.#offBlocks = 0;
        return;
      }
      if (++this.#offBlocks < MIN_BLOCKS_OFF && digit === undefined) return;
      ended.push({
        digit: this.#current,
        durationMs: Math.round((this.#currentBlocks * DTMF_BLOCK) / 8),
        source: 'inband',
      });
      this.#current = undefined;
      this.#offBlocks = 0;
    }
    if (digit === undefined) {
      this.#candidate = undefined;
      this.#candidateBlocks = 0;
      return;
    }
    if (digit === this.#candidate) this.#candidateBlocks++;
    else {
      this.#candidate = digit;
      this.#candidateBlocks = 1;
    }
    if (this.#candidateBlocks >= MIN_BLOCKS_ON) {
      this.#current = digit;
      this.#currentBlocks = this.#candidateBlocks;
      this.#candidate = undefined;
      this.#candidateBlocks = 0;
      started.push(digit);
    }
  }
}

function argmax(a: number[]): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

/** The two frequencies of a DTMF key, or undefined for a non-key. */
export function dtmfFrequencies(digit: string): [number, number] | undefined {
  for (let r = 0; r < 4; r++) {
    const c = KEYS[r]!.indexOf(digit.toUpperCase());
    if (c >= 0 && digit.length === 1) return [ROWS[r]!, COLS[c]!];
  }
  return undefined;
}
