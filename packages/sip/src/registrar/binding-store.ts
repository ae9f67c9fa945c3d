import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Destination } from '../transport/transport.ts';

/** One registered contact of an address-of-record (RFC 3261 §10.3). */
export interface Binding {
  /** Address-of-record, `sip:user@domain` (see `aorOf`). */
  readonly aor: string;
  /** The Contact URI as registered. */
  readonly contact: string;
  readonly expiresAt: number;
  readonly callId: string;
  readonly cseq: number;
  /** Contact q-value (0..1), null when absent. */
  readonly q: number | null;
  /** Where the REGISTER came from: requests to this contact go there (NAT, RFC 3581 / RFC 5626 spirit). */
  readonly source: Destination;
  readonly userAgent: string | null;
  readonly registeredAt: number;
}

/**
 * Persistence port for bindings. The registrar keeps its working set in memory and writes every
 * change of an AOR through `save(aor, bindings)`; `load()` restores them after a restart.
 */
export interface BindingStore {
  load(): Promise<Binding[]>;
  save(aor: string, bindings: readonly Binding[]): Promise<void>;
  /** Writes anything buffered (called on shutdown). */
  flush(): Promise<void>;
}

export class MemoryBindingStore implements BindingStore {
  readonly #byAor = new Map<string, Binding[]>();
  async load(): Promise<Binding[]> {
    return [...this.#byAor.values()].flat();
  }
  async save(aor: string, bindings: readonly Binding[]): Promise<void> {
    if (bindings.length === 0) this.#byAor.delete(aor);
    else this.#byAor.set(aor, [...bindings]);
  }
  async flush(): Promise<void> {}
}

/** How long changes may sit in memory before the JSON file is rewritten. */
export const JSON_STORE_FLUSH_MS = 200;

/**
 * Bindings in one JSON file, rewritten atomically (write to .tmp, rename) at most every
 * `JSON_STORE_FLUSH_MS`, so a switch restart keeps its registrations without a database.
 */
export class JsonFileBindingStore implements BindingStore {
  readonly #path: string;
  readonly #byAor = new Map<string, Binding[]>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(path: string) {
    this.#path = path;
  }

  async load(): Promise<Binding[]> {
    let raw: string;
    try {
      raw = readFileSync(this.#path, 'utf8');
    } catch {
      return [];
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return []; // a torn or foreign file: start empty rather than refuse to boot
    }
    const list = Array.isArray((data as { bindings?: unknown }).bindings)
      ? (data as { bindings: unknown[] }).bindings
      : [];
    this.#byAor.clear();
    for (const b of list.filter(isBinding)) {
      const arr = this.#byAor.get(b.aor) ?? [];
      arr.push(b);
      this.#byAor.set(b.aor, arr);
    }
    return [...this.#byAor.values()].flat();
  }

  async save(aor: string, bindings: readonly Binding[]): Promise<void> {
    if (bindings.length === 0) this.#byAor.delete(aor);
    else this.#byAor.set(aor, [...bindings]);
    this.#timer ??= setTimeout(() => this.#write(), JSON_STORE_FLUSH_MS);
  }

  async flush(): Promise<void> {
    this.#write();
  }

  #write(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    mkdirSync(dirname(this.#path), { recursive: true });
    const tmp = `${this.#path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, bindings: [...this.#byAor.values()].flat() }, null, 1));
    renameSync(tmp, this.#path);
  }
}

function isBinding(x: unknown): x is Binding {
  const b = x as Binding;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.aor === 'string' &&
    typeof b.contact === 'string' &&
    typeof b.expiresAt === 'number' &&
    typeof b.callId === 'string' &&
    typeof b.cseq === 'number' &&
    typeof b.source === 'object' &&
    b.source !== null &&
    typeof b.source.host === 'string' &&
    typeof b.source.port === 'number'
  );
}
