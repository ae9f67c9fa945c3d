/** Goertzel filter: the power of one frequency over a block, without an FFT. */
export class Goertzel {
  readonly frequency: number;
  readonly #coeff: number;

  constructor(frequency: number, sampleRate = 8000, blockSize = 205) {
    this.frequency = frequency;
    // Coefficient for the nearest bin k = round(N·f/fs), as in the classic DTMF receiver.
    const k = Math.round((blockSize * frequency) / sampleRate);
    this.#coeff = 2 * Math.cos((2 * Math.PI * k) / blockSize);
  }

  /** |X(k)|² of `samples[from, from+n)`. */
  power(samples: ArrayLike<number>, from = 0, n = samples.length - from): number {
    let s1 = 0;
    let s2 = 0;
    const c = this.#coeff;
    for (let i = from; i < from + n; i++) {
      const s0 = samples[i]! + c * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - c * s1 * s2;
  }
}

/** Power of `frequency` with the exact frequency (not the nearest bin): for measuring test tones. */
export function tonePower(samples: ArrayLike<number>, frequency: number, sampleRate = 8000): number {
  const c = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const s0 = samples[i]! + c * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - c * s1 * s2;
}

/** Amplitude of a sinusoid at `frequency` (≈ peak value of that component). */
export function toneAmplitude(samples: ArrayLike<number>, frequency: number, sampleRate = 8000): number {
  if (samples.length === 0) return 0;
  return (2 * Math.sqrt(Math.max(0, tonePower(samples, frequency, sampleRate)))) / samples.length;
}
