/** Zero crossings of the sinc kept on each side of the output point. */
const SINC_ZERO_CROSSINGS = 16;
/** Pass band as a share of the lower Nyquist frequency (the rest is the transition band). */
const PASSBAND = 0.92;

/** Blackman window on [-1, 1]. */
function blackman(x: number): number {
  if (x <= -1 || x >= 1) return 0;
  const t = (x + 1) / 2;
  return 0.42 - 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t);
}

/**
 * Band-limited resampling by windowed sinc (Blackman, 16 zero crossings a side). The low-pass sits
 * below the lower of the two Nyquist frequencies, so 44.1/48 kHz music loses its top instead of
 * folding it back into the telephone band. Runs once per prompt on load (cached), not per packet.
 */
export function resample(input: Float64Array, fromRate: number, toRate: number): Float64Array {
  if (fromRate === toRate) return input.slice();
  const outLen = Math.floor((input.length * toRate) / fromRate);
  const out = new Float64Array(outLen);
  // Cut-off in cycles per input sample.
  const fc = (PASSBAND * 0.5 * Math.min(fromRate, toRate)) / fromRate;
  const half = Math.ceil(SINC_ZERO_CROSSINGS / (2 * fc));
  const ratio = fromRate / toRate;
  for (let n = 0; n < outLen; n++) {
    const t = n * ratio;
    const centre = Math.floor(t);
    let acc = 0;
    let norm = 0;
    for (let k = centre - half + 1; k <= centre + half; k++) {
      const d = t - k;
      const x = 2 * fc * d;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const h = 2 * fc * sinc * blackman(d / half);
      norm += h;
      if (k >= 0 && k < input.length) acc += input[k]! * h;
    }
    out[n] = norm !== 0 ? acc / norm : 0;
  }
  return out;
}

export function floatToInt16(x: Float64Array): Int16Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = Math.round(x[i]! * 32768);
    out[i] = Math.min(32767, Math.max(-32768, v));
  }
  return out;
}
