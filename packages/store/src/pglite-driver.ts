import { Worker } from 'node:worker_threads';
import {
  type CompiledQuery,
  CompiledQuery as CQ,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

interface WorkerReply {
  id: number;
  ok: boolean;
  ready?: boolean;
  rows?: unknown[];
  affected?: number;
  error?: { message: string; code?: string; detail?: string };
}

/** Error raised for a failed PGlite query, carrying PostgreSQL's SQLSTATE like `pg` does. */
export class PgliteQueryError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;
  constructor(message: string, code?: string, detail?: string) {
    super(message);
    this.name = 'PgliteQueryError';
    this.code = code;
    this.detail = detail;
  }
}

/** One PGlite instance in a worker thread, queried by message passing. */
export class PgliteWorkerClient {
  readonly #worker: Worker;
  #seq = 0;
  readonly #pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<void>;
  #dead: Error | null = null;

  constructor(dataDir: string | null) {
    this.#worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), { workerData: { dataDir } });
    this.ready = new Promise((resolve, reject) => {
      this.#pending.set(0, {
        resolve: (r) => (r.ok ? resolve() : reject(new Error(r.error?.message ?? 'PGlite failed to start'))),
        reject,
      });
    });
    this.#worker.on('message', (r: WorkerReply) => {
      const p = this.#pending.get(r.id);
      if (!p) return;
      this.#pending.delete(r.id);
      p.resolve(r);
    });
    this.#worker.on('error', (e) => this.#fail(e));
    this.#worker.on('exit', (code) => this.#fail(new Error(`PGlite worker exited with code ${code}`)));
  }

  #fail(e: Error): void {
    this.#dead = e;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  async query(sql: string, params: readonly unknown[]): Promise<{ rows: unknown[]; affected: number }> {
    if (this.#dead) throw this.#dead;
    const id = ++this.#seq;
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, op: 'query', sql, params });
    });
    if (!reply.ok)
      throw new PgliteQueryError(reply.error?.message ?? 'query failed', reply.error?.code, reply.error?.detail);
    return { rows: reply.rows ?? [], affected: reply.affected ?? 0 };
  }

  async close(): Promise<void> {
    if (this.#dead) return;
    const id = ++this.#seq;
    await new Promise<WorkerReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, op: 'close' });
    });
    this.#worker.removeAllListeners('exit');
    await this.#worker.terminate();
    this.#dead = new Error('PGlite closed');
  }
}

class PgliteConnection implements DatabaseConnection {
  readonly #client: PgliteWorkerClient;
  constructor(client: PgliteWorkerClient) {
    this.#client = client;
  }
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affected } = await this.#client.query(compiled.sql, compiled.parameters);
    return { rows: rows as R[], numAffectedRows: BigInt(affected) };
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported by the worker protocol
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported on PGlite');
  }
}

/**
 * Kysely driver over one PGlite worker. PGlite is a single connection, so the driver hands it
 * out to one holder at a time (a transaction keeps it until commit/rollback).
 */
class PgliteDriver implements Driver {
  readonly #client: PgliteWorkerClient;
  readonly #conn: PgliteConnection;
  #queue: Array<() => void> = [];
  #busy = false;
  constructor(client: PgliteWorkerClient) {
    this.#client = client;
    this.#conn = new PgliteConnection(client);
  }
  async init(): Promise<void> {
    await this.#client.ready;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#busy) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#busy = true;
    return this.#conn;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const iso = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CQ.raw(`begin${iso}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CQ.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CQ.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    const next = this.#queue.shift();
    if (next) next();
    else this.#busy = false;
  }
  async destroy(): Promise<void> {
    await this.#client.close();
  }
}

export class PgliteWorkerDialect implements Dialect {
  readonly #client: PgliteWorkerClient;
  constructor(client: PgliteWorkerClient) {
    this.#client = client;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.#client);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector takes any database shape
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
