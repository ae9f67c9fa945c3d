import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { BanView, CallControlEvent } from '@hotline/contracts';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import { reconcileBans } from './telephony-bans-reconcile.ts';
import { listBans, storeBanEvent } from './telephony-bans-store.ts';
import { telephonyDb } from './telephony-store.ts';

let store: Store;
beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => store?.close());

const T0 = Date.parse('2026-03-01T08:00:00Z');
const MIN = 60_000;
const ban = (key: string, since: number, until: number, kind: 'ip' | 'user' = 'ip'): BanView => ({
  kind,
  key,
  reason: 'auth-failures',
  since,
  until,
  failures: 10,
});
const banEvent = (id: string, b: BanView): CallControlEvent => ({ v: 1, id, ts: b.since, seq: 1, type: 'ban', ban: b });
const unbanEvent = (id: string, b: BanView, by: 'expiry' | 'control', ts: number): CallControlEvent => ({
  v: 1,
  id,
  ts,
  seq: 2,
  type: 'unban',
  ban: b,
  by,
});
const snapshot = (id: string, ts: number, bans: BanView[]) => ({ id, switchId: 'sw-new', ts, bans });
const all = () => listBans(telephonyDb(store), { all: true, now: new Date(T0), limit: 100 });
const byKey = async () => new Map((await all()).map((b) => [`${b.kind}:${b.key}`, b]));
const audit = () =>
  store.db.selectFrom('audit_log').selectAll().where('action', '=', 'telephony.bans.reconcile').orderBy('id').execute();

test('open rows the switch does not list are closed (expiry when past their end, else switch_lost); missing bans are inserted; one audit row', async () => {
  const kept = ban('198.51.100.1', T0 - 10 * MIN, T0 + 10 * MIN);
  const lost = ban('198.51.100.2', T0 - 10 * MIN, T0 + 20 * MIN);
  const ended = ban('198.51.100.3', T0 - 30 * MIN, T0 - 5 * MIN);
  const liftedBefore = ban('1009', T0 - 60 * MIN, T0 + 60 * MIN, 'user');
  for (const [i, b] of [kept, lost, ended, liftedBefore].entries())
    await storeBanEvent(store, 'sw-old', banEvent(`e${i}`, b) as never);
  await storeBanEvent(store, 'sw-old', unbanEvent('u1', liftedBefore, 'control', T0 - 50 * MIN) as never);
  // A ban that began after the snapshot was taken (its live event was stored first): left open.
  const newer = ban('198.51.100.4', T0 + 1000, T0 + 10 * MIN);
  await storeBanEvent(store, 'sw-new', banEvent('e-newer', newer) as never);
  // A ban whose `ban` event never reached control (stored by the switch, event lost).
  const unseen = ban('203.0.113.9', T0 - MIN, T0 + 14 * MIN);

  const r = await reconcileBans(store, snapshot('snap1', T0, [kept, unseen]));
  assert.deepEqual(
    r.closed.map((c) => [c.key, c.by]),
    [
      ['198.51.100.2', 'switch_lost'],
      ['198.51.100.3', 'expiry'],
    ],
  );
  assert.deepEqual(
    r.inserted.map((b) => b.key),
    ['203.0.113.9'],
  );
  assert.deepEqual(r.reopened, []);

  const rows = await byKey();
  assert.equal(rows.get('ip:198.51.100.1')!.liftedAt, null);
  assert.equal(rows.get('ip:198.51.100.4')!.liftedAt, null);
  assert.deepEqual([rows.get('ip:198.51.100.2')!.liftedBy, rows.get('ip:198.51.100.2')!.liftedAt], ['switch_lost', T0]);
  // Closed at the ban's own end, not at the reconnect.
  assert.deepEqual(
    [rows.get('ip:198.51.100.3')!.liftedBy, rows.get('ip:198.51.100.3')!.liftedAt],
    ['expiry', ended.until],
  );
  assert.deepEqual([rows.get('user:1009')!.liftedBy, rows.get('user:1009')!.liftedAt], ['control', T0 - 50 * MIN]);
  const inserted = rows.get('ip:203.0.113.9')!;
  assert.deepEqual(
    [inserted.liftedAt, inserted.since, inserted.until, inserted.switchId, inserted.reason, inserted.failures],
    [null, unseen.since, unseen.until, 'sw-new', 'auth-failures', 10],
  );
  const a = await audit();
  assert.equal(a.length, 1);
  assert.equal(a[0]!.actor_name, 'switch sw-new');
  const details = a[0]!.details as { closed: { key: string; by: string }[]; inserted: { key: string }[] };
  assert.deepEqual(
    details.closed.map((c) => `${c.key}:${c.by}`),
    ['198.51.100.2:switch_lost', '198.51.100.3:expiry'],
  );
  assert.deepEqual(
    details.inserted.map((c) => c.key),
    ['203.0.113.9'],
  );

  // The same snapshot again (or a reconnect with nothing new): nothing written, no second audit row.
  const again = await reconcileBans(store, snapshot('snap2', T0 + MIN, [kept, newer, unseen]));
  assert.deepEqual(again, { closed: [], inserted: [], reopened: [] });
  assert.equal((await audit()).length, 1);

  // The `ban` event of the inserted ban arrives late (replayed): no second row, no change.
  assert.equal(await storeBanEvent(store, 'sw-new', banEvent('late', unseen) as never), false);
  assert.equal((await all()).filter((b) => b.key === '203.0.113.9').length, 1);
});

test("a late unban event replaces a reconcile's guess with the switch's reason, once", async () => {
  const b = ban('198.51.100.7', T0 - 10 * MIN, T0 + 20 * MIN);
  await storeBanEvent(store, 'sw', banEvent('e1', b) as never);
  await reconcileBans(store, snapshot('snap1', T0, []));
  assert.equal((await byKey()).get('ip:198.51.100.7')!.liftedBy, 'switch_lost');
  // The admin's lift was made before the reconnect but its event is replayed after the snapshot.
  assert.equal(await storeBanEvent(store, 'sw', unbanEvent('u1', b, 'control', T0 - MIN) as never), true);
  const row = (await byKey()).get('ip:198.51.100.7')!;
  assert.deepEqual([row.liftedBy, row.liftedAt], ['control', T0 - MIN]);
  assert.equal(await storeBanEvent(store, 'sw', unbanEvent('u1', b, 'control', T0 - MIN) as never), false);
  // A row closed by a real event is not reopened or rewritten by another.
  assert.equal(await storeBanEvent(store, 'sw', unbanEvent('u2', b, 'expiry', T0 + 20 * MIN) as never), false);
});

test('a ban closed as switch_lost that the switch lists again (its journal came back) is reopened', async () => {
  const b = ban('198.51.100.8', T0 - 10 * MIN, T0 + 20 * MIN);
  await storeBanEvent(store, 'sw', banEvent('e1', b) as never);
  await reconcileBans(store, snapshot('snap1', T0, []));
  const r = await reconcileBans(store, snapshot('snap2', T0 + MIN, [b]));
  assert.deepEqual(r.reopened, [{ kind: 'ip', key: '198.51.100.8', since: b.since }]);
  assert.deepEqual(r.inserted, []);
  const row = (await byKey()).get('ip:198.51.100.8')!;
  assert.deepEqual([row.liftedAt, row.liftedBy], [null, null]);
  assert.equal((await audit()).length, 2);
  // A row lifted by the switch's own unban is history: a snapshot listing it leaves it lifted.
  await storeBanEvent(store, 'sw', unbanEvent('u1', b, 'control', T0 + 2 * MIN) as never);
  const r3 = await reconcileBans(store, snapshot('snap3', T0 + 3 * MIN, [b]));
  assert.deepEqual(r3, { closed: [], inserted: [], reopened: [] });
  assert.equal((await byKey()).get('ip:198.51.100.8')!.liftedBy, 'control');
});
