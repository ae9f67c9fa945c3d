import { dtmfFrequencies } from './dtmf-detector.ts';

/** A tone: frequencies summed, played in an on/off cadence (ms); an empty cadence means continuous. */
export interface ToneSpec {
  frequencies: readonly number[];
  cadenceMs: readonly number[];
  /** Peak amplitude of each component, 16-bit linear. */
  amplitude: number;
}

/** Default component level ≈ -10 dBm0 (G.711 full scale ≈ +3.14 dBm0 at 32,124). */
export const TONE_AMPLITUDE = 7000;

/**
 * Chinese call-progress tones (YD/T 1277 / GB 3380: 450 Hz). Dial: continuous. Ringback: 1 s on,
 * 4 s off. Busy: 0.35 s on, 0.35 s off. Congestion: 0.7 s on, 0.7 s off.
 */
export const ChinaTones = {
  dial: { frequencies: [450], cadenceMs: [], amplitude: TONE_AMPLITUDE },
  ringback: { frequencies: [450], cadenceMs: [1000, 4000], amplitude: TONE_AMPLITUDE },
  busy: { frequencies: [450], cadenceMs: [350, 350], amplitude: TONE_AMPLITUDE },
  congestion: { frequencies: [450], cadenceMs: [700, 700], amplitude: TONE_AMPLITUDE },
} as const satisfies Record<string, ToneSpec>;
export type ChinaToneName = keyof typeof ChinaTones;

/** Generates a tone sample by sample with continuous phase; pure (no timers). */
export class ToneGenerator {
  readonly #spec: ToneSpec;
  readonly #rate: number;
  readonly #steps: number[];
  readonly #phase: number[];
  readonly #cycle: number;
  #t = 0;

  constructor(spec: ToneSpec, sampleRate = 8000) {
    this.#spec = spec;
    this.#rate = sampleRate;
    this.#steps = spec.frequencies.map((f) => (2 * Math.PI * f) / sampleRate);
    this.#phase = spec.frequencies.map(() => 0);
    this.#cycle = spec.cadenceMs.reduce((a, b) => a + b, 0);
  }

  /** Fills `out` and returns it. */
  fill(out: Int16Array): Int16Array {
    const cad = this.#spec.cadenceMs;
    for (let i = 0; i < out.length; i++) {
      let on = true;
      if (this.#cycle > 0) {
        let pos = ((this.#t * 1000) / this.#rate) % this.#cycle;
        on = false;
        for (let k = 0; k < cad.length; k++) {
          if (pos < cad[k]!) {
            on = k % 2 === 0;
            break;
          }
          pos -= cad[k]!;
        }
      }
      let v = 0;
      for (let k = 0; k < this.#steps.length; k++) {
        if (on) v += Math.sin(this.#phase[k]!) * this.#spec.amplitude;
        this.#phase[k] = (this.#phase[k]! + this.#steps[k]!) % (2 * Math.PI);
      }
      out[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
      this.#t++;
    }
    return out;
  }
}

/** `ms` of a DTMF key followed by `gapMs` of silence (for in-band sending and tests). */
export function dtmfToneSamples(digit: string, ms: number, gapMs = 0, sampleRate = 8000): Int16Array {
  const f = dtmfFrequencies(digit);
  const out = new Int16Array(Math.round(((ms + gapMs) * sampleRate) / 1000));
  if (!f) return out;
  new ToneGenerator({ frequencies: f, cadenceMs: [], amplitude: TONE_AMPLITUDE }, sampleRate).fill(
    out.subarray(0, Math.round((ms * sampleRate) / 1000)),
  );
  return out;
}
