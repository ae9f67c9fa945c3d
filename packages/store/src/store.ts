import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { type MigrationResult, migrate } from './migrate.ts';
import { PgliteWorkerClient, PgliteWorkerDialect } from './pglite-driver.ts';
import type { Database } from './schema.ts';

export interface StoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `null` keeps the database in memory (tests). */
  dataDir?: string | null | undefined;
  /** PostgreSQL schema to use (tests create one per store); default `public`. */
  schema?: string | undefined;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean | undefined;
  poolSize?: number | undefined;
}

export type Dialect = 'pglite' | 'postgres';
export type Trx = Transaction<Database>;

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly migrations: MigrationResult | null;
  /** Runs `fn` in one transaction: every state change and its event rows commit or roll back together. */
  transaction<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let dialect: Dialect;
  if (opts.databaseUrl) {
    dialect = 'postgres';
    const schema = opts.schema;
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema},public` } : {}),
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } else {
    dialect = 'pglite';
    const dir = opts.dataDir ?? null;
    if (dir) mkdirSync(dir, { recursive: true });
    const client = new PgliteWorkerClient(dir);
    await client.ready;
    db = new Kysely<Database>({ dialect: new PgliteWorkerDialect(client) });
  }
  let migrations: MigrationResult | null = null;
  try {
    if (opts.migrate !== false) migrations = await migrate(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return {
    db,
    dialect,
    migrations,
    transaction: (fn) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}
