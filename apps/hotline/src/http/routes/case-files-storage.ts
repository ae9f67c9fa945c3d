import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { ErrorCode, HotlineError } from '@hotline/core';

/** The file-system calls the write path depends on, replaceable in tests to prove their order. */
export interface StorageOps {
  sync(fh: FileHandle): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  syncDir(dir: string): Promise<void>;
}

const REAL_OPS: StorageOps = {
  sync: (fh) => fh.sync(),
  rename: (from, to) => rename(from, to),
  syncDir: async (dir) => {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
};

export interface StoredFile {
  /** `ab/abcdef…`: the SHA-256 in hex, fanned out by its first two characters. */
  key: string;
  sha256: string;
  size: number;
  /** The first bytes, for type sniffing. */
  head: Buffer;
}

/**
 * Uploaded case files on disk, content-addressed: `<dir>/ab/abcdef…`. A write streams into a temp
 * file under `<dir>/tmp/`, counting and hashing, then fsyncs it, checks it (`accept`), renames it to
 * its final name and fsyncs the directory — all before it returns, so an acknowledged upload
 * survives a crash and a crash never leaves a half-written file under a final name (at worst a
 * stray temp file). Identical content is stored once.
 */
export class CaseFileStorage {
  readonly dir: string;
  readonly #ops: StorageOps;

  constructor(dir: string, ops: StorageOps = REAL_OPS) {
    this.dir = resolve(dir);
    this.#ops = ops;
  }

  /** The absolute path of a stored key, or null for a key that would leave the directory. */
  pathOf(key: string): string | null {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}$/.test(key)) return null;
    const p = resolve(this.dir, key);
    return p.startsWith(this.dir + sep) ? p : null;
  }

  async open(key: string): Promise<{ stream: ReadStream; size: number } | null> {
    const p = this.pathOf(key);
    if (!p) return null;
    const s = await stat(p).catch(() => null);
    if (!s?.isFile()) return null;
    return { stream: createReadStream(p), size: s.size };
  }

  /**
   * Removes a stored file no row references any more — unless it was written at or after `before`
   * (ms): an upload of the same bytes may have just rewritten it and not yet inserted its row.
   * Returns whether the file was removed.
   */
  async removeUnreferenced(key: string, before: number): Promise<boolean> {
    const p = this.pathOf(key);
    if (!p) return false;
    const s = await stat(p).catch(() => null);
    if (!s?.isFile() || s.mtimeMs >= before) return false;
    await unlink(p);
    return true;
  }

  /** Removes temp files (`tmp/*.part`, left by a crash mid-upload) last written before `before` (ms). */
  async sweepTemp(before: number): Promise<number> {
    const tmpDir = join(this.dir, 'tmp');
    const names = await readdir(tmpDir).catch(() => [] as string[]);
    let n = 0;
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      const p = join(tmpDir, name);
      const s = await stat(p).catch(() => null);
      if (!s?.isFile() || s.mtimeMs >= before) continue;
      await unlink(p).catch(() => {});
      n++;
    }
    return n;
  }

  /**
   * Stores a stream of at most `maxBytes` (more → 413 `payload_too_large`, nothing kept). `accept`
   * sees the head and size before the file gets its final name and may refuse it with a coded error.
   */
  async write(
    body: Readable,
    opts: { maxBytes: number; headBytes: number; accept?: (f: Omit<StoredFile, 'key'>) => HotlineError | null },
  ): Promise<StoredFile> {
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const fh = await open(tmp, 'wx', 0o640);
    let closed = false;
    try {
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let headLen = 0;
      let size = 0;
      for await (const chunk of body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        size += buf.length;
        if (size > opts.maxBytes) {
          body.destroy();
          throw new HotlineError(
            ErrorCode.PayloadTooLarge,
            `file larger than ${Math.round(opts.maxBytes / 1024 / 1024)} MB`,
            { maxBytes: opts.maxBytes },
          );
        }
        if (headLen < opts.headBytes) {
          head.push(buf.subarray(0, opts.headBytes - headLen));
          headLen += Math.min(buf.length, opts.headBytes - headLen);
        }
        hash.update(buf);
        await fh.write(buf);
      }
      await this.#ops.sync(fh);
      await fh.close();
      closed = true;
      const sha256 = hash.digest('hex');
      const file = { sha256, size, head: Buffer.concat(head) };
      const refused = opts.accept?.(file) ?? null;
      if (refused) throw refused;
      const key = `${sha256.slice(0, 2)}/${sha256}`;
      const finalDir = join(this.dir, sha256.slice(0, 2));
      await mkdir(finalDir, { recursive: true });
      await this.#ops.rename(tmp, join(this.dir, key));
      await this.#ops.syncDir(finalDir);
      return { ...file, key };
    } catch (e) {
      if (!closed) await fh.close().catch(() => {});
      await unlink(tmp).catch(() => {});
      throw e;
    }
  }
}
