import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeScheduler, newId } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import type { Actor } from './actor.ts';
import { listNotifications, markNotificationsRead, readAlertWatermark, recordAlerts } from './case-notifications.ts';
import { departmentQueue, dueAlerts } from './case-queries.ts';
import { CaseRepository } from './case-repository.ts';
import { DeadlineMonitor } from './deadline-alerts.ts';
import { seedCaseCatalog } from './seed-demo.ts';
import { demoIntake } from './testing.ts';
import { warnAt } from './time-limit.ts';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const HOUR = 3_600_000;
let store: Store;
let ids: Map<string, string>;
const agent: Actor = { id: '00000000-0000-4000-8000-0000000000a1', name: '坐席', roles: ['agent'], departmentId: null };
const dept = (code: string): Actor => ({
  id: '00000000-0000-4000-8000-0000000000b1',
  name: code,
  roles: ['department'],
  departmentId: ids.get(code)!,
});

async function addUser(username: string, roles: string[], departmentCode: string | null, active = true) {
  const id = newId();
  await store.db
    .insertInto('users')
    .values({
      id,
      username,
      display_name: username,
      password_hash: 'x',
      roles,
      department_id: departmentCode ? ids.get(departmentCode)! : null,
      active,
    })
    .execute();
  return id;
}

before(async () => {
  store = await openTestStore();
  ids = await seedCaseCatalog(store);
});
after(async () => {
  await store.close();
});

test('the returned queue holds the department’s own returns and its re-dispatched children’s returns', async () => {
  const clock = new FakeScheduler(cst('2026-11-02T09:00:00'));
  const repo = new CaseRepository(store, { clock });
  const page = { limit: 50, offset: 0 };
  const open = async (code: string) => {
    const r = await repo.register(demoIntake({ categoryCode: '040101' }), agent);
    assert.ok(r.ok);
    const d = await repo.execute(
      r.state.id,
      { type: 'dispatch', parties: [{ departmentId: ids.get(code)!, role: 'lead' }] },
      agent,
    );
    assert.ok(d.ok);
    return { caseId: r.state.id, partyId: d.state.parties[0]!.id };
  };
  // 1. CGJ returns its own case.
  const own = await open('CGJ');
  clock.advance(HOUR);
  assert.ok(
    (
      await repo.execute(
        own.caseId,
        { type: 'return', partyId: own.partyId, reason: 'not_our_duty', note: '非本单位职责' },
        dept('CGJ'),
      )
    ).ok,
  );
  // 2. CGJ signs another, re-dispatches it down to its district brigade, which returns it to CGJ.
  const down = await open('CGJ');
  assert.ok((await repo.execute(down.caseId, { type: 'sign', partyId: down.partyId }, dept('CGJ'))).ok);
  const rd = await repo.execute(
    down.caseId,
    { type: 'redispatch_down', partyId: down.partyId, departmentId: ids.get('CGJ-DC')! },
    dept('CGJ'),
  );
  assert.ok(rd.ok);
  const child = rd.state.parties.find((p) => p.departmentId === ids.get('CGJ-DC'))!;
  clock.advance(HOUR);
  assert.ok(
    (
      await repo.execute(
        down.caseId,
        { type: 'return', partyId: child.id, reason: 'not_our_duty', note: '不属本辖区' },
        dept('CGJ-DC'),
      )
    ).ok,
  );
  // 3. A return by another department's child does not show.
  const other = await open('ZJJ');
  assert.ok(
    (
      await repo.execute(
        other.caseId,
        { type: 'return', partyId: other.partyId, reason: 'not_our_duty', note: 'x' },
        dept('ZJJ'),
      )
    ).ok,
  );

  const cgj = await departmentQueue(repo.db, ids.get('CGJ')!, 'returned', page, clock.now());
  assert.deepEqual(cgj.items.map((i) => i.partyId).sort(), [own.partyId, child.id].sort());
  const ordered = cgj.items.map((i) => i.signDeadline!);
  assert.deepEqual(
    ordered,
    [...ordered].sort((a, b) => a - b),
    'by sign deadline',
  );
  const brigade = await departmentQueue(repo.db, ids.get('CGJ-DC')!, 'returned', page, clock.now());
  assert.deepEqual(
    brigade.items.map((i) => i.partyId),
    [child.id],
  );
  const zjj = await departmentQueue(repo.db, ids.get('ZJJ')!, 'returned', page, clock.now());
  assert.deepEqual(
    zjj.items.map((i) => i.partyId),
    [other.partyId],
  );
  const paged = await departmentQueue(repo.db, ids.get('CGJ')!, 'returned', { limit: 1, offset: 1 }, clock.now());
  assert.equal(paged.items.length, 1);
  assert.equal(paged.hasMore, false);
});

test('deadline alerts become notifications for the department’s users and, on breach, supervisors — once', async () => {
  const t0 = cst('2026-11-23T09:00:00'); // Monday
  const clock = new FakeScheduler(t0);
  const repo = new CaseRepository(store, { clock });
  const hbjA = await addUser('hbj-a', ['department'], 'HBJ');
  const hbjB = await addUser('hbj-b', ['department'], 'HBJ');
  await addUser('hbj-gone', ['department'], 'HBJ', false);
  const jtj = await addUser('jtj-a', ['department'], 'JTJ');
  const sup = await addUser('sup-a', ['supervisor'], null);
  const agentUser = await addUser('agent-a', ['agent'], null);

  const r = await repo.register(demoIntake({ categoryCode: '040101' }), agent);
  assert.ok(r.ok);
  const d = await repo.execute(
    r.state.id,
    { type: 'dispatch', parties: [{ departmentId: ids.get('HBJ')!, role: 'lead' }] },
    agent,
  );
  assert.ok(d.ok);
  const party = d.state.parties[0]!;

  const written: number[] = [];
  const monitor = new DeadlineMonitor({
    scheduler: clock,
    source: (since, now) => dueAlerts(repo.db, since, now),
    notify: async (alerts, window) => {
      written.push((await recordAlerts(store, alerts, window, { now: clock.now() })).notifications);
    },
    onError: (e) => assert.fail(e as Error),
  });
  monitor.start(HOUR);
  const runUntil = async (t: number) => {
    while (clock.now() < t) {
      clock.advance(HOUR);
      await monitor.kick();
    }
  };
  // Past the sign deadline, unsigned: sign warning + sign breach.
  await runUntil(party.signDeadline + HOUR);
  await monitor.stop();
  assert.equal(await readAlertWatermark(store), clock.now(), 'the watermark follows the scans');

  const mine = await listNotifications(store, hbjA, { limit: 50, offset: 0 });
  assert.deepEqual(
    mine.items.map((n) => `${n.clock}:${n.level}`),
    ['sign:breach', 'sign:warning'],
    'newest first',
  );
  assert.equal(mine.unread, 2);
  assert.equal(mine.items[0]!.caseNumber, r.state.number);
  assert.equal(mine.items[0]!.deadline, party.signDeadline);
  assert.equal(mine.items[1]!.dueAt, warnAt(party.signClockStart, party.signDeadline, repo.config.rules));
  assert.equal((await listNotifications(store, hbjB, { limit: 50, offset: 0 })).items.length, 2);
  assert.equal((await listNotifications(store, jtj, { limit: 50, offset: 0 })).items.length, 0, 'other department');
  assert.equal((await listNotifications(store, agentUser, { limit: 50, offset: 0 })).items.length, 0);
  const supList = await listNotifications(store, sup, { limit: 50, offset: 0 });
  assert.deepEqual(
    supList.items.map((n) => `${n.clock}:${n.level}`),
    ['sign:breach'],
    'supervisors get breaches only',
  );

  // Scanning the same span again (a retry after a crash) writes nothing new.
  const again = await recordAlerts(
    store,
    await dueAlerts(repo.db, t0, clock.now()),
    { since: t0, now: clock.now() },
    {
      now: clock.now(),
    },
  );
  assert.deepEqual(again, { notifications: 0, deliveries: 0 });
  assert.equal((await listNotifications(store, hbjA, { limit: 50, offset: 0 })).items.length, 2);
  assert.equal(
    written.reduce((a, b) => a + b, 0),
    2,
  );

  // Read marks are per user.
  assert.equal(await markNotificationsRead(store, hbjA, [mine.items[1]!.id], clock.now()), 1);
  assert.equal(await markNotificationsRead(store, hbjA, [mine.items[1]!.id], clock.now()), 0, 'already read');
  assert.equal(await markNotificationsRead(store, jtj, [mine.items[0]!.id], clock.now()), 0, 'not theirs');
  const after1 = await listNotifications(store, hbjA, { limit: 50, offset: 0, unreadOnly: true });
  assert.deepEqual(
    after1.items.map((n) => n.level),
    ['breach'],
  );
  assert.equal(after1.unread, 1);
  assert.equal((await listNotifications(store, hbjB, { limit: 50, offset: 0 })).unread, 2);
  assert.equal(await markNotificationsRead(store, hbjA, 'all', clock.now()), 1);
  assert.equal((await listNotifications(store, hbjA, { limit: 1, offset: 0 })).unread, 0);
  const pg = await listNotifications(store, hbjA, { limit: 1, offset: 0 });
  assert.equal(pg.items.length, 1);
  assert.equal(pg.hasMore, true);
});

test('a failed notify does not advance the window: the next tick retries the same span', async () => {
  const clock = new FakeScheduler(cst('2026-11-23T09:00:00'));
  const seen: [number, number][] = [];
  let fail = true;
  const errors: unknown[] = [];
  const monitor = new DeadlineMonitor({
    scheduler: clock,
    source: async (since, now) => {
      seen.push([since, now]);
      return [];
    },
    notify: async () => {
      if (fail) throw new Error('database down');
    },
    onError: (e) => errors.push(e),
  });
  const t0 = clock.now();
  clock.advance(HOUR);
  await monitor.kick();
  assert.equal(errors.length, 1);
  assert.equal(monitor.since, t0);
  fail = false;
  clock.advance(HOUR);
  await monitor.kick();
  assert.deepEqual(seen.at(-1), [t0, t0 + 2 * HOUR], 'the retry covers the failed span too');
  assert.equal(monitor.since, t0 + 2 * HOUR);
});
