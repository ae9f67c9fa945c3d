import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openStore, type Store } from './store.ts';

/**
 * A fresh, migrated store for a test. With `HOTLINE_TEST_DATABASE_URL` set it is a new schema on
 * that PostgreSQL server (dropped on close); otherwise an in-memory PGlite in a worker.
 */
export async function openTestStore(): Promise<Store> {
  const url = process.env.HOTLINE_TEST_DATABASE_URL;
  if (!url) return openStore({ dataDir: null });
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: url, schema, poolSize: 4 });
  return {
    ...store,
    close: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      await store.close();
    },
  };
}

export const testDialect = (): 'postgres' | 'pglite' => (process.env.HOTLINE_TEST_DATABASE_URL ? 'postgres' : 'pglite');
