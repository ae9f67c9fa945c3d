import { readFileSync } from 'node:fs';
import { toneAmplitude } from '@hotline/media';

/** 16-bit PCM channels of a WAV file (any channel count), skipping `skipS` seconds at the start. */
export function wavChannels(path: string, skipS = 0): { rate: number; channels: Int16Array[] } {
  const b = readFileSync(path);
  let o = 12;
  let rate = 8000;
  let nch = 1;
  let bits = 16;
  while (o + 8 <= b.length) {
    const id = b.toString('ascii', o, o + 4);
    const size = b.readUInt32LE(o + 4);
    if (id === 'fmt ') {
      nch = b.readUInt16LE(o + 10);
      rate = b.readUInt32LE(o + 12);
      bits = b.readUInt16LE(o + 22);
    }
    if (id === 'data') {
      if (bits !== 16) throw new Error(`wav: ${bits}-bit not handled by the test helper`);
      const end = Math.min(b.length, o + 8 + size);
      const frames = Math.floor((end - o - 8) / (2 * nch));
      const skip = Math.min(frames, Math.floor(skipS * rate));
      const ch = Array.from({ length: nch }, () => new Int16Array(frames - skip));
      for (let i = skip; i < frames; i++)
        for (let c = 0; c < nch; c++) (ch[c] as Int16Array)[i - skip] = b.readInt16LE(o + 8 + (i * nch + c) * 2);
      return { rate, channels: ch };
    }
    o += 8 + size + (size % 2);
  }
  throw new Error('wav: no data chunk');
}

/** Amplitude of `hz` relative to another frequency in a signal: > 1 means `hz` dominates. */
export function toneLevel(samples: Int16Array, hz: number, rate = 8000): number {
  return toneAmplitude(samples, hz, rate);
}
