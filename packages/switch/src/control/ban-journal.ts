import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Ban } from '@hotline/sip';

/** Lines of lifted bans left in the file before it is rewritten with only the bans in force. */
export const COMPACT_AFTER_LIFTED = 1_000;

const KINDS: readonly string[] = ['ip', 'user'];
const REASONS: readonly string[] = ['auth-failures', 'scanner', 'rate-limit'];

/** A ban read back from disk: any line that is not exactly a ban is skipped (hostile or torn file). */
function asBan(v: unknown): Ban | null {
  if (!v || typeof v !== 'object') return null;
  const b = v as Record<string, unknown>;
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (!KINDS.includes(b.kind as string) || typeof b.key !== 'string' || b.key === '') return null;
  if (!REASONS.includes(b.reason as string) || !num(b.since) || !num(b.until) || !num(b.failures)) return null;
  return {
    kind: b.kind as Ban['kind'],
    key: b.key,
    reason: b.reason as Ban['reason'],
    since: b.since as number,
    until: b.until as number,
    failures: b.failures as number,
  };
}

const keyOf = (b: Pick<Ban, 'kind' | 'key'>) => `${b.kind}:${b.key}`;

/**
 * The SIP guard's bans on disk (`<dataDir>/switch/bans.journal`, mode 0600), so that a switch
 * restart or crash does not free a banned scanner (decision 0308). JSON lines, appended with one
 * `write(2)` each (in the kernel before the ban is announced; `fdatasync` once per event-loop turn,
 * as the event journal of decision 0306):
 *
 *   {"ban": <ban>}                      a ban engaged
 *   {"lift": {"kind","key","since"}}    that ban was lifted (expiry or control)
 *
 * `load()` returns the bans not lifted — also those past their end, which the guard then lifts with
 * their `unban` event so control closes its rows — and rewrites the file with just them (tmp + fsync
 * + rename); so does a lift once `COMPACT_AFTER_LIFTED` lifted bans sit in the file.
 */
export class BanJournal {
  readonly path: string;
  readonly #active = new Map<string, Ban>();
  #fd: number;
  #lines = 0;
  #syncPending = false;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.#fd = openSync(path, 'a', 0o600);
  }

  load(): Ban[] {
    let text = '';
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return [];
    }
    this.#active.clear();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      let rec: { ban?: unknown; lift?: unknown };
      try {
        rec = JSON.parse(line) as typeof rec;
      } catch {
        continue; // torn write
      }
      const ban = asBan(rec?.ban);
      if (ban) this.#active.set(keyOf(ban), ban);
      const lift = rec?.lift as Partial<Ban> | undefined;
      if (lift && typeof lift === 'object') {
        const k = `${lift.kind}:${lift.key}`;
        if (this.#active.get(k)?.since === lift.since) this.#active.delete(k);
      }
    }
    this.#rewrite();
    return [...this.#active.values()];
  }

  banned(b: Ban): void {
    this.#active.set(keyOf(b), b);
    this.#append({ ban: b });
  }

  lifted(b: Ban): void {
    if (this.#active.get(keyOf(b))?.since !== b.since) return;
    this.#active.delete(keyOf(b));
    this.#append({ lift: { kind: b.kind, key: b.key, since: b.since } });
    if (this.#lines - this.#active.size >= 2 * COMPACT_AFTER_LIFTED) this.#rewrite();
  }

  #append(rec: unknown): void {
    writeSync(this.#fd, `${JSON.stringify(rec)}\n`);
    this.#lines++;
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

  #rewrite(): void {
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      const bans = [...this.#active.values()];
      if (bans.length > 0) writeSync(fd, `${bans.map((ban) => JSON.stringify({ ban })).join('\n')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    closeSync(this.#fd);
    this.#fd = openSync(this.path, 'a', 0o600);
    this.#lines = this.#active.size;
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
