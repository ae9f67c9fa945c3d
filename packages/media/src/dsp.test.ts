import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DtmfDetector } from './dtmf-detector.ts';
import { toneAmplitude } from './goertzel.ts';
import type { DigitEvent } from './telephone-event.ts';
import { ChinaTones, dtmfToneSamples, ToneGenerator } from './tone-generator.ts';
import { decodeWav, encodeWav, readWavAs8kMono } from './wav.ts';

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function detect(samples: Int16Array): DigitEvent[] {
  const d = new DtmfDetector();
  const out: DigitEvent[] = [];
  for (let i = 0; i < samples.length; i += 160) out.push(...d.process(samples.subarray(i, i + 160)).ended);
  return out;
}

test('in-band DTMF: every key from a generated WAV file, each reported once', () => {
  const keys = '0123456789*#ABCD';
  const audio = concat([...keys].map((k) => dtmfToneSamples(k, 80, 70)));
  const wav = encodeWav(audio);
  const back = readWavAs8kMono(wav);
  assert.ok(back.ok);
  const got = detect(back.value);
  assert.equal(got.map((d) => d.digit).join(''), keys);
  for (const d of got) {
    assert.equal(d.source, 'inband');
    assert.ok(d.durationMs >= 50 && d.durationMs <= 110, `${d.digit} ${d.durationMs}`);
  }
});

test('in-band DTMF survives G.711 and rejects single tones, speech-like noise, short blips and bad twist', () => {
  const single = new Int16Array(8000);
  new ToneGenerator({ frequencies: [770], cadenceMs: [], amplitude: 8000 }).fill(single);
  assert.deepEqual(detect(single), []);
  const noise = new Int16Array(8000).map(() => Math.round((Math.random() - 0.5) * 12000));
  assert.deepEqual(detect(noise), []);
  assert.deepEqual(detect(concat([dtmfToneSamples('5', 30, 200)])), []);
  const twisted = new Int16Array(4000);
  const lo = new Int16Array(4000);
  new ToneGenerator({ frequencies: [852], cadenceMs: [], amplitude: 9000 }).fill(lo);
  new ToneGenerator({ frequencies: [1477], cadenceMs: [], amplitude: 1500 }).fill(twisted);
  for (let i = 0; i < lo.length; i++) twisted[i]! += lo[i]!;
  assert.deepEqual(detect(twisted), [], 'column 15.6 dB below row: over the 8 dB normal-twist limit');
  // Tone plus moderate noise is still a digit.
  const noisy = dtmfToneSamples('9', 120, 100).map((v) => v + Math.round((Math.random() - 0.5) * 1500));
  assert.deepEqual(
    detect(noisy).map((d) => d.digit),
    ['9'],
  );
});

test('China busy tone: 450 Hz, 350 ms on / 350 ms off', () => {
  const g = new ToneGenerator(ChinaTones.busy);
  const s = g.fill(new Int16Array(8000));
  const frame = (ms: number) => s.subarray((ms * 8000) / 1000, ((ms + 20) * 8000) / 1000);
  assert.ok(toneAmplitude(frame(100), 450) > 6000);
  assert.ok(toneAmplitude(frame(400), 450) < 1);
  assert.ok(toneAmplitude(frame(720), 450) > 6000);
  const ring = new ToneGenerator(ChinaTones.ringback).fill(new Int16Array(5 * 8000));
  const on = ring.subarray(0, 8000);
  const off = ring.subarray(8000, 5 * 8000);
  assert.ok(toneAmplitude(on, 450) > 6000);
  assert.equal(
    off.every((v) => v === 0),
    true,
  );
});

function wavBytes(
  fmtTag: number,
  bits: number,
  channels: number,
  rate: number,
  frames: number,
  sample: (i: number, c: number) => number,
) {
  const bytes = bits / 8;
  const data = new Uint8Array(frames * channels * bytes);
  const dv = new DataView(data.buffer);
  for (let i = 0; i < frames; i++)
    for (let c = 0; c < channels; c++) {
      const x = sample(i, c);
      const o = (i * channels + c) * bytes;
      if (fmtTag === 3) dv.setFloat32(o, x, true);
      else if (bits === 24) {
        const v = Math.round(x * 8388607);
        data[o] = v & 0xff;
        data[o + 1] = (v >> 8) & 0xff;
        data[o + 2] = (v >> 16) & 0xff;
      } else dv.setInt16(o, Math.round(x * 32767), true);
    }
  const h = new Uint8Array(44);
  const hv = new DataView(h.buffer);
  h.set(new TextEncoder().encode('RIFF'), 0);
  hv.setUint32(4, 36 + data.length, true);
  h.set(new TextEncoder().encode('WAVEfmt '), 8);
  hv.setUint32(16, 16, true);
  hv.setUint16(20, fmtTag, true);
  hv.setUint16(22, channels, true);
  hv.setUint32(24, rate, true);
  hv.setUint32(28, rate * channels * bytes, true);
  hv.setUint16(32, channels * bytes, true);
  hv.setUint16(34, bits, true);
  h.set(new TextEncoder().encode('data'), 36);
  hv.setUint32(40, data.length, true);
  const out = new Uint8Array(44 + data.length);
  out.set(h);
  out.set(data, 44);
  return out;
}

test('WAV of any rate/format/channels becomes 8 kHz mono; the resampler removes what 8 kHz cannot carry', () => {
  const s = (f: number, rate: number) => (i: number) => 0.5 * Math.sin((2 * Math.PI * f * i) / rate);
  const cases = [
    wavBytes(1, 16, 2, 48000, 48000, (i) => s(1000, 48000)(i)),
    wavBytes(3, 32, 1, 44100, 44100, (i) => s(1000, 44100)(i)),
    wavBytes(1, 24, 1, 16000, 16000, (i) => s(1000, 16000)(i)),
  ];
  for (const w of cases) {
    const r = readWavAs8kMono(w);
    assert.ok(r.ok);
    assert.ok(Math.abs(r.value.length - 8000) <= 1);
    const mid = r.value.subarray(1000, 7000);
    const a = toneAmplitude(mid, 1000);
    assert.ok(a > 0.48 * 32768 && a < 0.52 * 32768, `amplitude ${a}`);
  }
  // 5 kHz at 48 kHz would alias to 3 kHz without a proper low-pass.
  const alias = readWavAs8kMono(wavBytes(1, 16, 1, 48000, 48000, s(5000, 48000)));
  assert.ok(alias.ok);
  assert.ok(toneAmplitude(alias.value.subarray(1000, 7000), 3000) < 0.005 * 32768);
  assert.equal(decodeWav(new Uint8Array(10)).ok, false);
  const adpcm = wavBytes(1, 16, 1, 8000, 10, () => 0);
  adpcm[20] = 2; // MS ADPCM: unsupported
  assert.equal(decodeWav(adpcm).ok, false);
});
