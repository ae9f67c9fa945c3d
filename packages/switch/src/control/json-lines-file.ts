import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * An append-only file of JSON lines (mode 0600), the storage of the switch's journals (decisions
 * 0306, 0308). Each record is appended with one `write(2)`, so a killed process (kill -9) loses
 * none that was appended; `fdatasync` follows once per event-loop turn (coalesced: one sync for a
 * burst), so a power cut loses at most that turn. `rewrite` replaces the whole file atomically
 * (tmp + fsync + rename + directory fsync) — the file is never truncated in place, as a crash
 * between truncating and writing would leave it empty. `read` skips torn or non-object lines.
 */
export class JsonLinesFile {
  readonly path: string;
  #fd: number;
  #syncPending = false;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.#fd = openSync(path, 'a', 0o600);
  }

  /** The records in the file, in order; `null` when it cannot be read. */
  read(): Record<string, unknown>[] | null {
    let text = '';
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return null;
    }
    const records: Record<string, unknown>[] = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      let rec: unknown;
      try {
        rec = JSON.parse(line);
      } catch {
        continue; // torn write
      }
      if (rec && typeof rec === 'object') records.push(rec as Record<string, unknown>);
    }
    return records;
  }

  append(rec: unknown): void {
    writeSync(this.#fd, `${JSON.stringify(rec)}\n`);
    if (this.#syncPending) return;
    this.#syncPending = true;
    setImmediate(() => {
      this.#syncPending = false;
      try {
        fdatasyncSync(this.#fd);
      } catch {
        // closed meanwhile (switch stopping): the line is in the file already
      }
    });
  }

  /** Replaces the file with `records` (atomic: tmp + fsync + rename, then the directory synced). */
  rewrite(records: readonly unknown[]): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      if (records.length > 0) writeSync(fd, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    closeSync(this.#fd);
    this.#fd = openSync(this.path, 'a', 0o600);
    try {
      const d = openSync(dirname(this.path), 'r');
      fsyncSync(d);
      closeSync(d);
    } catch {
      // not supported on this file system
    }
  }

  close(): void {
    try {
      fdatasyncSync(this.#fd);
    } catch {
      // already closed
    }
    closeSync(this.#fd);
  }
}
