import type { Ban } from '@hotline/sip';
import { JsonLinesFile } from './json-lines-file.ts';

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
  readonly #file: JsonLinesFile;
  #lines = 0;

  constructor(path: string) {
    this.path = path;
    this.#file = new JsonLinesFile(path);
  }

  load(): Ban[] {
    const records = this.#file.read();
    if (!records) return [];
    this.#active.clear();
    for (const rec of records) {
      const ban = asBan(rec.ban);
      if (ban) this.#active.set(keyOf(ban), ban);
      const lift = rec.lift as Partial<Ban> | undefined;
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
    this.#file.append(rec);
    this.#lines++;
  }

  #rewrite(): void {
    this.#file.rewrite([...this.#active.values()].map((ban) => ({ ban })));
    this.#lines = this.#active.size;
  }

  close(): void {
    this.#file.close();
  }
}
