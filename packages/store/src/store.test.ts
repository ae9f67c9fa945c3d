import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { appendEvent, drainOutbox, queryAudit, readStream, type Store, writeAudit } from './index.ts';
import { openTestStore, testDialect } from './testing.ts';

let store: Store;
before(async () => {
  store = await openTestStore();
});
after(async () => {
  await store.close();
});

test(`migrations apply once and record themselves (${testDialect()})`, async () => {
  const m = store.migrations;
  assert.ok(m, 'migrations ran');
  assert.ok(m.applied.includes('0001_foundation.sql'));
  const r = await sql<{ n: number }>`select count(*)::int as n from schema_migrations`.execute(store.db);
  assert.equal(r.rows[0]?.n, m.applied.length + m.alreadyApplied);
});

test('a state change and its event commit together, or not at all', async () => {
  await store.transaction(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: 'a', value: JSON.stringify({ n: 1 }) })
      .execute();
    await appendEvent(trx, { stream: 'settings', streamId: 'a', type: 'set', data: { n: 1 } });
  });
  await assert.rejects(
    store.transaction(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: 'b', value: JSON.stringify({ n: 2 }) })
        .execute();
      await appendEvent(trx, { stream: 'settings', streamId: 'b', type: 'set', data: { n: 2 } });
      throw new Error('boom');
    }),
    /boom/,
  );
  const keys = await store.db.selectFrom('settings').select('key').orderBy('key').execute();
  assert.deepEqual(
    keys.map((k) => k.key),
    ['a'],
  );
  const a = await readStream(store.db, 'settings', 'a');
  assert.equal(a.length, 1);
  assert.deepEqual(a[0]?.data, { n: 1 });
  assert.equal((await readStream(store.db, 'settings', 'b')).length, 0);
});

test('the outbox hands each event over once and marks it published', async () => {
  const seen: string[] = [];
  await drainOutbox(store.db, (evs) => {
    seen.push(...evs.map((e) => e.type));
  });
  assert.ok(seen.length >= 1);
  const again: string[] = [];
  await drainOutbox(store.db, (evs) => {
    again.push(...evs.map((e) => e.type));
  });
  assert.deepEqual(again, []);
});

test('the audit log is append-only and queryable', async () => {
  await writeAudit(store.db, { action: 'user.create', actorName: 'tester', targetType: 'user', targetId: 'u1' });
  await writeAudit(store.db, { action: 'user.update', actorName: 'tester', targetType: 'user', targetId: 'u1' });
  const rows = await queryAudit(store.db, { targetType: 'user', targetId: 'u1' });
  assert.deepEqual(
    rows.map((r) => r.action),
    ['user.update', 'user.create'],
  );
  await assert.rejects(sql`update audit_log set action = 'x'`.execute(store.db), /append-only/);
  await assert.rejects(sql`delete from audit_log`.execute(store.db), /append-only/);
});

test('concurrent transactions are serialised correctly and all commit', async () => {
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      store.transaction(async (trx) => {
        await trx
          .insertInto('probe_writes')
          .values({ id: i + 1, payload: `p${i}` })
          .execute();
        await appendEvent(trx, { stream: 'probe', streamId: String(i + 1), type: 'written' });
      }),
    ),
  );
  const r = await sql<{ n: number }>`select count(*)::int as n from probe_writes`.execute(store.db);
  assert.equal(r.rows[0]?.n, 20);
});

test('pg_trgm is available on both dialects', async () => {
  const r = await sql<{ s: number }>`select similarity('申请退款工单', '退款工单') as s`.execute(store.db);
  assert.ok(Number(r.rows[0]?.s) > 0.3);
});

test('a bad query rejects with the SQLSTATE and leaves the store usable', async () => {
  await assert.rejects(
    sql`select * from no_such_table`.execute(store.db),
    (e: { code?: string }) => e.code === '42P01',
  );
  const r = await sql<{ one: number }>`select 1 as one`.execute(store.db);
  assert.equal(r.rows[0]?.one, 1);
});
