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
/**
 * Audio waiting for the disk beyond this fails the recording (`error` is set): a disk that slow would
 * otherwise make the worker hold ever more memory. 10 s × 32 kB/s stereo = 320 kB per recording.
 */
export const MAX_BACKLOG_MS = 10_000;
/** File operations a worker keeps in flight across all its recordings (libuv's pool has 4 threads, shared with DNS, crypto, zlib). */
export const WRITES_IN_FLIGHT = 2;

export type RecordingChannels = 'stereo' | 'mono';

export interface ClosedRecording {
  path: string;
  durationMs: number;
  bytes: number;
  sha256: string;
}

/**
 * Bounds the file operations in flight: each recording has at most one job here at a time (its
 * writes are serial), and at most `limit` jobs run at once, so recordings can never flood the
 * process's thread pool however slow the disk is.
 */
export class WriteQueue {
  readonly #limit: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit = WRITES_IN_FLIGHT) {
    this.#limit = limit;
  }

  get active(): number {
    return this.#active;
  }
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(op: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#limit) await new Promise<void>((r) => this.#waiting.push(r));
    else this.#active++;
    try {
      return await op();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}

/** One queue per thread: each media worker bounds its own recordings' I/O. */
const threadWrites = new WriteQueue();

/**
 * A 16-bit PCM WAV file written incrementally (the I/O shell around the recorder): header first with
 * the sizes known so far, audio gathered in a preallocated ~1 s chunk (`reserve` + `commit`: the
 * recorder writes straight into it), full chunks written in order — a backlog is coalesced into one
 * `writev` — and the sizes rewritten every HEADER_REWRITE_MS after the data they describe; fsync and
 * SHA-256 at close. Writes are asynchronous and bounded (see WriteQueue, MAX_BACKLOG_MS), so a slow
 * disk never stalls the media clock nor piles up.
 */
export class RecordingFile {
  readonly path: string;
  readonly channels: number;
  readonly #fh: FileHandle;
  readonly #rate: number;
  readonly #writes: WriteQueue;
  readonly #chunkBytes: number;
  readonly #maxBacklog: number;
  #chunk: Buffer;
  #fill = 0;
  #spare: Buffer[] = [];
  /** Full chunks waiting for the disk, contiguous from `#written`. */
  #queue: Buffer[] = [];
  #backlog = 0;
  /** Audio bytes on disk. */
  #written = 0;
  #headerDue = false;
  #lastHeaderMs: number;
  #closed = false;
  #busy: Promise<void> | undefined;
  #error: Error | undefined;

  private constructor(
    path: string,
    fh: FileHandle,
    channels: number,
    nowMs: number,
    sampleRate: number,
    writes: WriteQueue,
  ) {
    this.path = path;
    this.#fh = fh;
    this.channels = channels;
    this.#rate = sampleRate;
    this.#lastHeaderMs = nowMs;
    this.#writes = writes;
    this.#chunkBytes = (sampleRate * 2 * channels * WRITE_CHUNK_MS) / 1000;
    this.#maxBacklog = (sampleRate * 2 * channels * MAX_BACKLOG_MS) / 1000;
    this.#chunk = Buffer.allocUnsafe(this.#chunkBytes);
  }

  static async open(
    path: string,
    channels: RecordingChannels,
    nowMs: number,
    sampleRate = 8000,
    writes: WriteQueue = threadWrites,
  ): Promise<RecordingFile> {
    const fh = await open(path, 'w');
    const n = channels === 'stereo' ? 2 : 1;
    await fh.write(wavHeader(sampleRate, n, 0), 0, WAV_HEADER_SIZE, 0);
    return new RecordingFile(path, fh, n, nowMs, sampleRate, writes);
  }

  get durationMs(): number {
    return Math.round(((this.#written + this.#backlog + this.#fill) / (2 * this.channels) / this.#rate) * 1000);
  }

  /** Set when a write failed or the disk fell MAX_BACKLOG_MS behind; the file takes no more audio. */
  get error(): Error | undefined {
    return this.#error;
  }

  /** The current chunk; `reserve()` says where the next bytes go. */
  get chunk(): Buffer {
    return this.#chunk;
  }

  /** Makes room for `bytes` in `chunk` and returns the offset to write them at; then call `commit`. */
  reserve(bytes: number): number {
    if (this.#fill + bytes > this.#chunk.length) this.#flush();
    if (bytes > this.#chunk.length) this.#chunk = Buffer.allocUnsafe(bytes);
    return this.#fill;
  }

  /** Takes the `bytes` written at the reserved offset. */
  commit(bytes: number, nowMs: number): void {
    if (this.#closed || this.#error) return;
    this.#fill += bytes;
    if (this.#fill >= this.#chunkBytes) this.#flush();
    if (nowMs - this.#lastHeaderMs >= HEADER_REWRITE_MS) {
      this.#flush();
      this.#headerDue = true;
      this.#lastHeaderMs = nowMs;
      this.#kick();
    }
  }

  /** Appends interleaved little-endian int16 bytes (copied). */
  append(bytes: Uint8Array, nowMs: number): void {
    if (this.#closed || this.#error) return;
    const at = this.reserve(bytes.length);
    this.#chunk.set(bytes, at);
    this.commit(bytes.length, nowMs);
  }

  /** Resolves when every queued write has reached the file (for tests and orderly shutdown). */
  async settled(): Promise<void> {
    while (this.#busy) await this.#busy;
  }

  #flush(): void {
    if (this.#fill === 0 || this.#error) return;
    const full = this.#chunk.subarray(0, this.#fill);
    this.#queue.push(full);
    this.#backlog += full.length;
    this.#chunk = this.#spare.pop() ?? Buffer.allocUnsafe(this.#chunkBytes);
    this.#fill = 0;
    if (this.#backlog > this.#maxBacklog) {
      this.#fail(
        new Error(
          `disk too slow: ${Math.round(this.#backlog / (2 * this.channels * this.#rate))} s of audio not written`,
        ),
      );
      return;
    }
    this.#kick();
  }

  #fail(e: Error): void {
    this.#error ??= e;
    this.#queue = [];
    this.#backlog = 0;
  }

  #kick(): void {
    if (this.#busy || (this.#queue.length === 0 && !this.#headerDue)) return;
    this.#busy = this.#writes
      .run(() => this.#drain())
      .catch((e: Error) => this.#fail(e))
      .then(() => {
        this.#busy = undefined;
        if (!this.#error) this.#kick();
      });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      let total = 0;
      for (const b of batch) total += b.length;
      const { bytesWritten } = await this.#fh.writev(batch, WAV_HEADER_SIZE + this.#written);
      if (this.#error) return; // failed meanwhile (backlog cap): the counters were reset
      if (bytesWritten !== total) throw new Error(`short write (${bytesWritten} of ${total} bytes): disk full?`);
      this.#written += total;
      this.#backlog -= total;
      for (const b of batch)
        if (b.buffer.byteLength === this.#chunkBytes && this.#spare.length < 2)
          this.#spare.push(Buffer.from(b.buffer, b.byteOffset, this.#chunkBytes));
    }
    if (this.#headerDue) {
      this.#headerDue = false;
      // Written after the data it describes, so the header never claims more than is on disk.
      await this.#fh.write(wavHeader(this.#rate, this.channels, this.#written), 0, WAV_HEADER_SIZE, 0);
    }
  }

  async close(): Promise<ClosedRecording> {
    if (!this.#closed) {
      this.#flush();
      this.#closed = true;
      this.#headerDue = true;
      this.#kick();
      await this.settled();
      try {
        if (!this.#error) await this.#fh.sync();
      } finally {
        await this.#fh.close();
      }
    }
    if (this.#error) throw this.#error;
    return {
      path: this.path,
      durationMs: Math.round((this.#written / (2 * this.channels) / this.#rate) * 1000),
      bytes: WAV_HEADER_SIZE + this.#written,
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
