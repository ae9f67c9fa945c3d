/**
 * G.711 μ-law (PCMU) and A-law (PCMA), table-driven.
 *
 * The decode tables hold the reconstruction value of each code (ITU-T G.711 Tables 1a/2a, scaled to
 * 16-bit as in ITU-T G.191 `alaw_expand`/`ulaw_expand`). The encode tables are derived from them:
 * every code owns the half-open quantisation interval centred on its reconstruction value, and the
 * negative half uses the one's complement of the sample (`~x`), as G.191 does. The exhaustive test
 * compares both directions with a transcription of the G.191 reference on all 65,536 inputs.
 */

/** A-law: 16-bit reconstruction value of code `c` (even bits toggled, sign bit 1 = positive). */
function alawDecodeCode(c: number): number {
  const ix = (c ^ 0x55) & 0x7f;
  const exp = ix >> 4;
  let mant = ix & 0x0f;
  if (exp > 0) mant += 16;
  mant = (mant << 4) + 8;
  if (exp > 1) mant <<= exp - 1;
  return c > 127 ? mant : -mant;
}

/** μ-law: 16-bit reconstruction value of code `c` (bits inverted, sign bit 1 = positive). */
function ulawDecodeCode(c: number): number {
  const inv = ~c & 0xff;
  const exp = (inv >> 4) & 0x07;
  const mant = inv & 0x0f;
  const step = 4 << (exp + 1);
  const mag = (0x80 << exp) + step * mant + step / 2 - 4 * 33;
  return c < 0x80 ? -mag : mag;
}

function buildDecode(f: (c: number) => number): Int16Array {
  const t = new Int16Array(256);
  for (let c = 0; c < 256; c++) t[c] = f(c);
  return t;
}

/**
 * Builds the 64 K encode table from the positive codes' intervals. `step(c)` is the width of code
 * `c`'s interval on the 16-bit scale; inputs above the last interval clip to the top code.
 */
function buildEncode(
  decode: Int16Array,
  positiveCodes: number[],
  negate: (c: number) => number,
  step: (c: number) => number,
) {
  const t = new Uint8Array(65536);
  const filled = new Uint8Array(32768);
  let top = positiveCodes[0]!;
  let topValue = -1;
  for (const c of positiveCodes) {
    const centre = decode[c]!;
    const half = step(c) / 2;
    const lo = Math.max(0, centre - half);
    const hi = Math.min(32768, centre + half);
    for (let m = lo; m < hi; m++) {
      filled[m] = 1;
      t[m] = c; // x = m >= 0
      t[(-1 - m) & 0xffff] = negate(c); // x = -1 - m, i.e. ~x = m
    }
    if (centre > topValue) {
      topValue = centre;
      top = c;
    }
  }
  for (let m = 0; m < 32768; m++) {
    if (filled[m]) continue;
    t[m] = top;
    t[(-1 - m) & 0xffff] = negate(top);
  }
  return t;
}

const ALAW_DECODE = buildDecode(alawDecodeCode);
const ULAW_DECODE = buildDecode(ulawDecodeCode);

const alawPositive: number[] = [];
const ulawPositive: number[] = [];
for (let c = 0; c < 256; c++) {
  if (c > 127) alawPositive.push(c);
  if (c >= 0x80) ulawPositive.push(c);
}
const ALAW_ENCODE = buildEncode(
  ALAW_DECODE,
  alawPositive,
  (c) => c & 0x7f,
  (c) => {
    const exp = ((c ^ 0x55) & 0x7f) >> 4;
    return exp <= 1 ? 16 : 16 << (exp - 1);
  },
);
const ULAW_ENCODE = buildEncode(
  ULAW_DECODE,
  ulawPositive,
  (c) => c & 0x7f,
  (c) => {
    const exp = ((~c & 0xff) >> 4) & 0x07;
    return 8 << exp;
  },
);

export function linearToAlaw(sample: number): number {
  return ALAW_ENCODE[sample & 0xffff]!;
}
export function alawToLinear(code: number): number {
  return ALAW_DECODE[code & 0xff]!;
}
export function linearToUlaw(sample: number): number {
  return ULAW_ENCODE[sample & 0xffff]!;
}
export function ulawToLinear(code: number): number {
  return ULAW_DECODE[code & 0xff]!;
}

export type G711Law = 'PCMU' | 'PCMA';

/** Encodes `pcm` into `out` (same length); returns `out`. */
export function encodeG711(law: G711Law, pcm: Int16Array, out = new Uint8Array(pcm.length)): Uint8Array {
  const t = law === 'PCMU' ? ULAW_ENCODE : ALAW_ENCODE;
  for (let i = 0; i < pcm.length; i++) out[i] = t[pcm[i]! & 0xffff]!;
  return out;
}

/** Decodes `codes` into `out` (same length); returns `out`. */
export function decodeG711(
  law: G711Law,
  codes: Uint8Array,
  out: Int16Array = new Int16Array(codes.length),
): Int16Array {
  const t = law === 'PCMU' ? ULAW_DECODE : ALAW_DECODE;
  for (let i = 0; i < codes.length; i++) out[i] = t[codes[i]!]!;
  return out;
}

/** The code that decodes to silence (used for comfort frames). */
export const G711_SILENCE: Readonly<Record<G711Law, number>> = { PCMU: 0xff, PCMA: 0xd5 };
