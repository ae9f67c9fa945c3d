import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alawToLinear, decodeG711, encodeG711, linearToAlaw, linearToUlaw, ulawToLinear } from './g711.ts';

// Oracle: a line-by-line transcription of ITU-T G.191 (STL) g711.c, written with C `short` semantics.
function g191AlawCompress(x: number): number {
  let ix = x < 0 ? ~x >> 4 : x >> 4;
  if (ix > 15) {
    let iexp = 1;
    while (ix > 16 + 15) {
      ix >>= 1;
      iexp++;
    }
    ix -= 16;
    ix += iexp << 4;
  }
  if (x >= 0) ix |= 0x80;
  return (ix ^ 0x55) & 0xff;
}
function g191AlawExpand(c: number): number {
  let ix = c ^ 0x55;
  ix &= 0x7f;
  const iexp = ix >> 4;
  let mant = ix & 0x0f;
  if (iexp > 0) mant = mant + 16;
  mant = (mant << 4) + 0x08;
  if (iexp > 1) mant = mant << (iexp - 1);
  return c > 127 ? mant : -mant;
}
function g191UlawCompress(x: number): number {
  let absno = x < 0 ? (~x >> 2) + 33 : (x >> 2) + 33;
  if (absno > 0x1fff) absno = 0x1fff;
  let i = absno >> 6;
  let segno = 1;
  while (i !== 0) {
    segno++;
    i >>= 1;
  }
  const high = 0x08 - segno;
  const low = 0x0f - ((absno >> segno) & 0x0f);
  let out = (high << 4) | low;
  if (x >= 0) out |= 0x80;
  return out;
}
function g191UlawExpand(c: number): number {
  const sign = c < 0x80 ? -1 : 1;
  let mantissa = ~c;
  const exponent = (mantissa >> 4) & 0x07;
  const segment = exponent + 1;
  mantissa = mantissa & 0x0f;
  const step = 4 << segment;
  return (sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33)) | 0; // C short: no -0
}

test('A-law encode equals G.191 alaw_compress on all 65,536 inputs', () => {
  let diff = 0;
  for (let x = -32768; x < 32768; x++) if (linearToAlaw(x) !== g191AlawCompress(x)) diff++;
  assert.equal(diff, 0);
});

test('μ-law encode equals G.191 ulaw_compress on all 65,536 inputs', () => {
  let diff = 0;
  for (let x = -32768; x < 32768; x++) if (linearToUlaw(x) !== g191UlawCompress(x)) diff++;
  assert.equal(diff, 0);
});

test('decode equals G.191 expand on all 256 codes, and encode(decode(c)) = c', () => {
  for (let c = 0; c < 256; c++) {
    assert.equal(alawToLinear(c), g191AlawExpand(c), `A-law ${c}`);
    assert.equal(ulawToLinear(c), g191UlawExpand(c), `μ-law ${c}`);
    assert.equal(linearToAlaw(alawToLinear(c)), c);
    // μ-law has two zero codes (0x7f and 0xff); both decode to 0 which encodes as 0xff.
    if (c !== 0x7f) assert.equal(linearToUlaw(ulawToLinear(c)), c);
  }
});

test('buffer codecs round-trip within one quantisation step', () => {
  const pcm = new Int16Array(160);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000));
  for (const law of ['PCMU', 'PCMA'] as const) {
    const back = decodeG711(law, encodeG711(law, pcm));
    for (let i = 0; i < pcm.length; i++) assert.ok(Math.abs(back[i]! - pcm[i]!) <= 256, `${law} ${i}`);
  }
});
