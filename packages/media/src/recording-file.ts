import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { type FileHandle, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WAV_HEADER_SIZE, wavHeader } from './wav.ts';

/** How often the RIFF and data sizes are rewritten while recording, so a killed process leaves a playable file. */
export const HEADER_REWRITE_MS = 2000;
/** Audio is buffered and written in chunks of about this length. */
export const WRITE_CHUNK_MS = 1000;

export type RecordingChannels = 'stereo' | 'mono';

export interface ClosedRecording {
  path: string;
  durationMs: number;
  bytes: number;
  sha256: string;
}

/**
 * A 16-bit PCM WAV file written incrementally (the I/O shell around the recorder): header first with
 * the sizes known so far, audio appended in ~1 s chunks, the sizes rewritten every HEADER_REWRITE_MS,
 * final sizes and fsync at close, then SHA-256 of the whole file. All writes are asynchronous and
 * queued in order (libuv thread pool), so a slow disk never stalls the media clock.
 */
export class RecordingFile {
  readonly path: string;
  readonly channels: number;
  readonly #fh: FileHandle;
  readonly #rate: number;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** Bytes handed to the write queue (the file may lag behind while writes are in flight). */
  #queuedBytes = 0;
  #lastHeaderMs: number;
  #closed = false;
  #chain: Promise<unknown> = Promise.resolve();
  #error: Error | undefined;

  private constructor(path: string, fh: FileHandle, channels: number, nowMs: number, sampleRate: number) {
    this.path = path;
    this.#fh = fh;
    this.channels = channels;
    this.#rate = sampleRate;
    this.#lastHeaderMs = nowMs;
  }

  static async open(
    path: string,
    channels: RecordingChannels,
    nowMs: number,
    sampleRate = 8000,
  ): Promise<RecordingFile> {
    const fh = await open(path, 'w');
    const n = channels === 'stereo' ? 2 : 1;
    await fh.write(wavHeader(sampleRate, n, 0), 0, WAV_HEADER_SIZE, 0);
    return new RecordingFile(path, fh, n, nowMs, sampleRate);
  }

  get durationMs(): number {
    return Math.round(((this.#queuedBytes + this.#pendingBytes) / (2 * this.channels) / this.#rate) * 1000);
  }

  /** Appends interleaved little-endian int16 bytes. */
  append(chunk: Uint8Array, nowMs: number): void {
    if (this.#closed) return;
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    if (this.#pendingBytes >= (this.#rate * 2 * this.channels * WRITE_CHUNK_MS) / 1000) this.#flush();
    if (nowMs - this.#lastHeaderMs >= HEADER_REWRITE_MS) {
      this.#flush();
      this.#writeHeader();
      this.#lastHeaderMs = nowMs;
    }
  }

  /** Resolves when every queued write has reached the file (for tests and orderly shutdown). */
  settled(): Promise<unknown> {
    return this.#chain;
  }

  #enqueue(op: () => Promise<unknown>): void {
    this.#chain = this.#chain.then(op).catch((e: Error) => {
      this.#error ??= e;
    });
  }

  #flush(): void {
    if (this.#pendingBytes === 0) return;
    const buf = Buffer.concat(this.#pending, this.#pendingBytes);
    const at = WAV_HEADER_SIZE + this.#queuedBytes;
    this.#queuedBytes += buf.length;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#enqueue(() => this.#fh.write(buf, 0, buf.length, at));
  }

  #writeHeader(): void {
    // Queued after the data it describes, so the header never claims more than is on disk.
    const h = wavHeader(this.#rate, this.channels, this.#queuedBytes);
    this.#enqueue(() => this.#fh.write(h, 0, WAV_HEADER_SIZE, 0));
  }

  async close(): Promise<ClosedRecording> {
    if (!this.#closed) {
      this.#closed = true;
      this.#flush();
      this.#writeHeader();
      this.#enqueue(() => this.#fh.sync());
      await this.#chain;
      await this.#fh.close();
    }
    if (this.#error) throw this.#error;
    return {
      path: this.path,
      durationMs: Math.round((this.#queuedBytes / (2 * this.channels) / this.#rate) * 1000),
      bytes: WAV_HEADER_SIZE + this.#queuedBytes,
      sha256: await sha256File(this.path),
    };
  }
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/**
 * Makes a WAV written by RecordingFile consistent with its length after a crash: RIFF and data sizes
 * set from the file size, a trailing partial frame cut off. Returns whether anything changed.
 * Files that are not our canonical 44-byte-header PCM WAV are left alone.
 */
export function repairWavFile(path: string): { repaired: boolean; dataBytes: number } {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const h = new Uint8Array(WAV_HEADER_SIZE);
    if (size < WAV_HEADER_SIZE || readSync(fd, h, 0, WAV_HEADER_SIZE, 0) < WAV_HEADER_SIZE)
      return { repaired: false, dataBytes: 0 };
    const dv = new DataView(h.buffer);
    const tag = (o: number) => String.fromCharCode(h[o]!, h[o + 1]!, h[o + 2]!, h[o + 3]!);
    if (
      tag(0) !== 'RIFF' ||
      tag(8) !== 'WAVE' ||
      tag(12) !== 'fmt ' ||
      tag(36) !== 'data' ||
      dv.getUint16(20, true) !== 1
    )
      return { repaired: false, dataBytes: 0 };
    const channels = dv.getUint16(22, true);
    const rate = dv.getUint32(24, true);
    const block = dv.getUint16(32, true) || 2 * channels;
    const data = size - WAV_HEADER_SIZE - ((size - WAV_HEADER_SIZE) % block);
    if (dv.getUint32(40, true) === data && dv.getUint32(4, true) === 36 + data && size === WAV_HEADER_SIZE + data)
      return { repaired: false, dataBytes: data };
    if (size !== WAV_HEADER_SIZE + data) ftruncateSync(fd, WAV_HEADER_SIZE + data);
    writeSync(fd, wavHeader(rate, channels, data), 0, WAV_HEADER_SIZE, 0);
    fsyncSync(fd);
    return { repaired: true, dataBytes: data };
  } finally {
    closeSync(fd);
  }
}

/** Repairs every `.wav` under `dir` (recursively); returns the paths it changed. Run at start-up. */
export async function repairRecordingsIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await repairRecordingsIn(p)));
    else if (e.name.endsWith('.wav') && repairWavFile(p).repaired) out.push(p);
  }
  return out;
}
