import { alawToLinear, ulawToLinear } from './g711.ts';
import { fail, ok, type ParseResult } from './parse-result.ts';
import { floatToInt16, resample } from './resampler.ts';

/** The `fmt ` chunk fields we use (RIFF WAVE, Microsoft). */
export interface WavFormat {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_ALAW = 6;
const WAVE_FORMAT_MULAW = 7;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
export const WAV_HEADER_SIZE = 44;

export interface DecodedWav {
  format: WavFormat;
  /** Mono mix in [-1, 1) at the file's rate. */
  mono: Float64Array;
}

function fourcc(b: Uint8Array, o: number): string {
  return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
}

/**
 * Reads a RIFF WAVE file: PCM 8/16/24/32-bit, IEEE float 32/64, A-law, μ-law, WAVE_FORMAT_EXTENSIBLE,
 * any channel count (averaged to mono). A data chunk whose size overruns the file (a recording cut by
 * kill -9) is read up to the end of the file.
 */
export function decodeWav(buf: Uint8Array): ParseResult<DecodedWav> {
  if (buf.length < 12 || fourcc(buf, 0) !== 'RIFF' || fourcc(buf, 8) !== 'WAVE')
    return fail('wav: not a RIFF WAVE file');
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let o = 12;
  let fmt: WavFormat | undefined;
  let data: Uint8Array | undefined;
  while (o + 8 <= buf.length) {
    const id = fourcc(buf, o);
    const size = dv.getUint32(o + 4, true);
    const body = o + 8;
    const end = Math.min(buf.length, body + size);
    if (id === 'fmt ') {
      if (end - body < 16) return fail('wav: fmt chunk too short');
      let tag = dv.getUint16(body, true);
      if (tag === WAVE_FORMAT_EXTENSIBLE && end - body >= 26) tag = dv.getUint16(body + 24, true);
      fmt = {
        formatTag: tag,
        channels: dv.getUint16(body + 2, true),
        sampleRate: dv.getUint32(body + 4, true),
        blockAlign: dv.getUint16(body + 12, true),
        bitsPerSample: dv.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      data = buf.subarray(body, end);
      break;
    }
    o = body + size + (size & 1);
  }
  if (!fmt) return fail('wav: no fmt chunk');
  if (!data) return fail('wav: no data chunk');
  const { channels, formatTag: tag, bitsPerSample: bits } = fmt;
  if (channels < 1 || fmt.sampleRate < 1000 || fmt.sampleRate > 384000) return fail('wav: bad channel count or rate');
  const bytes = bits / 8;
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 8) return fail(`wav: unsupported ${bits}-bit samples`);
  let read: (at: number) => number;
  if (tag === WAVE_FORMAT_PCM && bits === 8) read = (at) => (data[at]! - 128) / 128;
  else if (tag === WAVE_FORMAT_PCM && bits === 16)
    read = (at) => dv.getInt16(data.byteOffset - buf.byteOffset + at, true) / 32768;
  else if (tag === WAVE_FORMAT_PCM && bits === 24)
    read = (at) => (((data[at + 2]! << 24) | (data[at + 1]! << 16) | (data[at]! << 8)) >> 8) / 8388608;
  else if (tag === WAVE_FORMAT_PCM && bits === 32)
    read = (at) => dv.getInt32(data.byteOffset - buf.byteOffset + at, true) / 2147483648;
  else if (tag === WAVE_FORMAT_IEEE_FLOAT && bits === 32)
    read = (at) => dv.getFloat32(data.byteOffset - buf.byteOffset + at, true);
  else if (tag === WAVE_FORMAT_IEEE_FLOAT && bits === 64)
    read = (at) => dv.getFloat64(data.byteOffset - buf.byteOffset + at, true);
  else if (tag === WAVE_FORMAT_ALAW && bits === 8) read = (at) => alawToLinear(data[at]!) / 32768;
  else if (tag === WAVE_FORMAT_MULAW && bits === 8) read = (at) => ulawToLinear(data[at]!) / 32768;
  else return fail(`wav: unsupported format tag ${tag} with ${bits}-bit samples`);
  const frame = bytes * channels;
  const frames = Math.floor(data.length / frame);
  const mono = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += read(i * frame + c * bytes);
    mono[i] = s / channels;
  }
  return ok({ format: fmt, mono });
}

/** Any WAV → 8 kHz mono int16, the engine's internal format. */
export function readWavAs8kMono(buf: Uint8Array): ParseResult<Int16Array> {
  const r = decodeWav(buf);
  if (!r.ok) return r;
  return ok(floatToInt16(resample(r.value.mono, r.value.format.sampleRate, 8000)));
}

/** The canonical 44-byte header of a 16-bit PCM file with `dataBytes` of samples. */
export function wavHeader(sampleRate: number, channels: number, dataBytes: number): Uint8Array {
  const h = new Uint8Array(WAV_HEADER_SIZE);
  const dv = new DataView(h.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) h[o + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  dv.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  dv.setUint32(16, 16, true);
  dv.setUint16(20, WAVE_FORMAT_PCM, true);
  dv.setUint16(22, channels, true);
  dv.setUint32(24, sampleRate, true);
  dv.setUint32(28, sampleRate * channels * 2, true);
  dv.setUint16(32, channels * 2, true);
  dv.setUint16(34, 16, true);
  ascii(36, 'data');
  dv.setUint32(40, dataBytes, true);
  return h;
}

/** A whole 16-bit PCM WAV file from interleaved samples. */
export function encodeWav(samples: Int16Array, sampleRate = 8000, channels = 1): Uint8Array {
  const out = new Uint8Array(WAV_HEADER_SIZE + samples.length * 2);
  out.set(wavHeader(sampleRate, channels, samples.length * 2));
  const dv = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) dv.setInt16(WAV_HEADER_SIZE + i * 2, samples[i]!, true);
  return out;
}
