export type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
export { sql } from 'kysely';
export { type AuditEntry, type AuditQuery, queryAudit, writeAudit } from './audit.ts';
export { appendEvent, drainOutbox, type NewEvent, readStream, type StoredEvent } from './events.ts';
export { loadMigrations, MIGRATIONS_DIR, type Migration, type MigrationResult, migrate } from './migrate.ts';
export { PgliteQueryError } from './pglite-driver.ts';
export type * from './schema.ts';
export { type Dialect, openStore, type Store, type StoreOptions, type Trx } from './store.ts';
