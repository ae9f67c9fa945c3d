import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CallControlEvent, CommandInput } from '@hotline/contracts';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';
import { storeBanEvent } from '../../switch/telephony-bans-store.ts';
import { telephonyServiceOf } from './telephony.ts';

let h: Harness;
let admin: Client;
let supervisor: Client;

before(async () => {
  h = await startHarness();
  admin = await login(h.app, 'admin', 'hotline-admin');
  supervisor = await login(h.app, 'banzhang', 'hotline-super');
});
after(async () => h?.close());

const audit = (action: string) =>
  h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

const ban = { kind: 'user' as const, key: '1009', reason: 'auth-failures' as const, failures: 10 };

function banEvent(id: string, since: number, type: 'ban' | 'unban' = 'ban'): CallControlEvent {
  const b = { ...ban, since, until: since + 900_000 };
  return type === 'ban'
    ? { v: 1, id, ts: since, seq: 1, type: 'ban', ban: b }
    : { v: 1, id, ts: since + 1000, seq: 2, type: 'unban', ban: b, by: 'control' };
}

test('stored ban events are listed for admins only, once per event, each with one audit row', async () => {
  const since = h.clock.now() - 1000;
  assert.equal(await storeBanEvent(h.store, 'sw1', banEvent('e1', since) as never), true);
  // A replayed event (control crashed before its ack) changes nothing.
  assert.equal(await storeBanEvent(h.store, 'sw1', banEvent('e1', since) as never), false);
  const r = await admin.request('GET', '/api/v1/telephony/bans');
  assert.equal(r.status, 200);
  const bans = (r.json as { bans: Array<Record<string, unknown>> }).bans;
  assert.equal(bans.length, 1);
  assert.deepEqual(
    [bans[0]?.kind, bans[0]?.key, bans[0]?.reason, bans[0]?.failures, bans[0]?.liftedAt],
    ['user', '1009', 'auth-failures', 10, null],
  );
  assert.equal((await audit('telephony.ban')).length, 1);
  assert.equal((await supervisor.request('GET', '/api/v1/telephony/bans')).status, 403);
  assert.equal((await supervisor.request('DELETE', '/api/v1/telephony/bans/user/1009')).status, 403);

  // The unban closes the row (and only once).
  assert.equal(await storeBanEvent(h.store, 'sw1', banEvent('e2', since, 'unban') as never), true);
  assert.equal(await storeBanEvent(h.store, 'sw1', banEvent('e2', since, 'unban') as never), false);
  assert.deepEqual((await admin.request('GET', '/api/v1/telephony/bans')).json, { bans: [] });
  const all = (await admin.request('GET', '/api/v1/telephony/bans?all=true')).json as {
    bans: Array<{ liftedBy: string }>;
  };
  assert.equal(all.bans[0]?.liftedBy, 'control');
  const un = await audit('telephony.unban');
  assert.equal(un.length, 1);
  assert.equal(un[0]?.target_id, 'user:1009');
});

test('lifting a ban: 503 while the switch is away; otherwise a switch.unban command, audited with the admin', async () => {
  assert.equal((await admin.request('DELETE', '/api/v1/telephony/bans/user/1009')).status, 503);
  assert.equal((await admin.request('DELETE', '/api/v1/telephony/bans/nope/1009')).status, 400);
  const service = telephonyServiceOf(h.app);
  const sent: CommandInput[] = [];
  Object.defineProperty(service.client, 'isOpen', { get: () => true, configurable: true });
  service.client.command = async (body: CommandInput) => {
    sent.push(body);
    return { v: 1, id: 'r', ts: 0, type: 'reply', re: 'c', ok: true, result: { lifted: true } };
  };
  const r = await admin.request('DELETE', '/api/v1/telephony/bans/ip/192.0.2.7');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual(r.json, { lifted: true });
  assert.deepEqual(sent, [{ type: 'switch.unban', kind: 'ip', key: '192.0.2.7' }]);
  const a = await audit('telephony.unban.request');
  assert.equal(a.length, 1);
  assert.equal(a[0]?.target_id, 'ip:192.0.2.7');
  assert.equal(a[0]?.actor_name !== null, true);
});

test('on (re)connect the snapshot reconciles the stored bans: a lost ban closed, an unseen one listed (decision 0310)', async () => {
  const service = telephonyServiceOf(h.app);
  service.client.command = async () => ({ v: 1, id: 'r', ts: 0, type: 'reply', re: 'c', ok: true, result: {} });
  const now = h.clock.now();
  const lost = { kind: 'ip' as const, key: '198.51.100.20', reason: 'scanner' as const, failures: 1 };
  await storeBanEvent(h.store, 'sw-before', {
    v: 1,
    id: 'lost-1',
    ts: now,
    seq: 3,
    type: 'ban',
    ban: { ...lost, since: now - 1000, until: now + 600_000 },
  } as never);
  const unseen = { kind: 'user' as const, key: '1011', reason: 'auth-failures' as const, failures: 12 };
  const snapshot = {
    v: 1 as const,
    id: 'snap-reconnect',
    ts: now,
    type: 'snapshot' as const,
    switchId: 'sw-after',
    startedAt: now - 5000,
    configVersion: 1,
    legs: [],
    bridges: [],
    registrations: [],
    bans: [{ ...unseen, since: now - 2000, until: now + 900_000 }],
    lastSeq: 0,
  };
  service.client.snapshot.emit(snapshot);
  for (let i = 0; i < 100 && (await audit('telephony.bans.reconcile')).length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const inForce = (await admin.request('GET', '/api/v1/telephony/bans')).json as { bans: Array<{ key: string }> };
  assert.deepEqual(
    inForce.bans.map((b) => b.key),
    ['1011'],
  );
  const history = (await admin.request('GET', '/api/v1/telephony/bans?all=true')).json as {
    bans: Array<{ key: string; liftedBy: string | null }>;
  };
  assert.equal(history.bans.find((b) => b.key === '198.51.100.20')?.liftedBy, 'switch_lost');
  const a = await audit('telephony.bans.reconcile');
  assert.equal(a.length, 1);
  assert.equal(a[0]?.actor_name, 'switch sw-after');
  // The same snapshot again (a reconnect with nothing new): nothing changes, no second audit row.
  await service.reconcileBans(snapshot);
  assert.equal((await audit('telephony.bans.reconcile')).length, 1);
});
