import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', 'migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Reads `NNNN_name.sql` files in name order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex').slice(0, 16) };
    });
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations, each in its own transaction together with its bookkeeping row.
 * On PostgreSQL an advisory lock keeps two processes from migrating at once. A migration whose
 * file changed after it was applied is reported, never re-run.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema's types exist
export async function migrate(db: Kysely<any>, migrations = loadMigrations()): Promise<MigrationResult> {
  await sql`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`.execute(db);
  const applied: string[] = [];
  let already = 0;
  for (const m of migrations) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(8675309)`.execute(trx);
      const row = await sql<{
        checksum: string;
      }>`select checksum from schema_migrations where name = ${m.name}`.execute(trx);
      const existing = row.rows[0];
      if (existing) {
        if (existing.checksum !== m.checksum) {
          throw new Error(`migration ${m.name} was changed after it was applied (add a new migration instead)`);
        }
        return false;
      }
      await sql.raw(m.sql).execute(trx);
      await sql`insert into schema_migrations (name, checksum) values (${m.name}, ${m.checksum})`.execute(trx);
      return true;
    });
    if (done) applied.push(m.name);
    else already++;
  }
  return { applied, alreadyApplied: already };
}
