import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import type { Actor } from './actor.ts';
import { centerQueue, departmentQueue, dueAlerts } from './case-queries.ts';
import { CaseRepository } from './case-repository.ts';
import { assignmentFacts, roundFacts } from './metrics.ts';
import { metricReport } from './metrics-report.ts';
import { metricReportSql } from './metrics-sql.ts';
import { seedCaseCatalog, seedCasesDemo } from './seed-demo.ts';
import { demoIntake } from './testing.ts';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const HOUR = 3_600_000;
let store: Store;
let ids: Map<string, string>;
const clock = new FakeScheduler(cst('2026-09-30T10:00:00'));

const agent: Actor = { id: '00000000-0000-4000-8000-0000000000a1', name: '坐席', roles: ['agent'], departmentId: null };
const supervisor: Actor = {
  id: '00000000-0000-4000-8000-0000000000a2',
  name: '班长',
  roles: ['supervisor'],
  departmentId: null,
};
const dept = (code: string): Actor => ({
  id: '00000000-0000-4000-8000-0000000000b1',
  name: code,
  roles: ['department'],
  departmentId: ids.get(code)!,
});

before(async () => {
  store = await openTestStore();
  ids = await seedCaseCatalog(store);
});
after(async () => {
  await store.close();
});

test('each command = state row + case_events + outbox event + audit row in one transaction; replay equals the row', async () => {
  const repo = new CaseRepository(store, { clock });
  const r = await repo.register(demoIntake({ categoryCode: '010101' }), agent);
  assert.ok(r.ok);
  const id = r.state.id;
  assert.equal(r.state.number, '12319-20260930-0001');
  const r2 = await repo.register(demoIntake({ categoryCode: '010101' }), agent);
  assert.ok(r2.ok && r2.state.number === '12319-20260930-0002', 'per-day sequence');

  assert.ok(
    (
      await repo.execute(
        id,
        {
          type: 'dispatch',
          parties: [
            { departmentId: ids.get('CGJ')!, role: 'lead' },
            { departmentId: ids.get('DC')!, role: 'co' },
          ],
        },
        agent,
      )
    ).ok,
  );
  const s = (await repo.get(id))!;
  const cgjParty = s.parties.find((p) => p.departmentId === ids.get('CGJ'))!;
  assert.equal(cgjParty.finishDeadline, cst('2026-10-14T00:00:00'));

  // A refused command writes nothing.
  const count = async (t: 'case_events' | 'audit_log' | 'events') =>
    Number(
      (
        await store.db
          .selectFrom(t as 'events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = [await count('case_events'), await count('audit_log'), await count('events')];
  const denied = await repo.execute(id, { type: 'sign', partyId: cgjParty.id }, dept('DC'));
  assert.equal(!denied.ok && denied.error.code, 'forbidden');
  assert.deepEqual([await count('case_events'), await count('audit_log'), await count('events')], before);

  clock.advance(HOUR);
  assert.ok((await repo.execute(id, { type: 'sign', partyId: cgjParty.id }, dept('CGJ'))).ok);
  assert.deepEqual(
    [await count('case_events'), await count('audit_log'), await count('events')],
    [before[0]! + 1, before[1]! + 1, before[2]! + 1],
  );
  const audit = await store.db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_id', '=', id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(audit.action, 'case.sign');
  assert.deepEqual((audit.before as { status: string }).status, 'dispatched');
  assert.deepEqual((audit.after as { status: string }).status, 'in_progress');
  const outbox = await store.db.selectFrom('events').selectAll().where('stream_id', '=', id).orderBy('id').execute();
  assert.deepEqual(
    outbox.map((e) => e.type),
    ['case.registered', 'case.dispatched', 'case.signed'],
  );

  const rebuilt = await repo.rebuild(id);
  assert.deepEqual(rebuilt, await repo.get(id), 'replaying case_events gives the stored state');
  await assert.rejects(
    store.db.withTables<{ case_events: { seq: number } }>().updateTable('case_events').set({ seq: 99 }).execute(),
    /append-only/,
  );
});

test('department queues: to sign, in progress, due soon, overdue, returned — each sees only its own', async () => {
  const repo = new CaseRepository(store, { clock });
  const page = { limit: 50, offset: 0 };
  const dc = ids.get('DC')!;
  const toSign = await departmentQueue(repo.db, dc, 'to_sign', page, clock.now());
  assert.equal(toSign.items.length, 1);
  assert.equal(toSign.items[0]!.role, 'co');
  const cgjQueue = await departmentQueue(repo.db, ids.get('CGJ')!, 'in_progress', page, clock.now());
  assert.equal(cgjQueue.items.length, 1);
  assert.equal((await departmentQueue(repo.db, ids.get('ZJJ')!, 'in_progress', page, clock.now())).items.length, 0);

  const r = await repo.register(demoIntake({ categoryCode: '010201' }), agent);
  assert.ok(r.ok);
  await repo.execute(
    r.state.id,
    { type: 'dispatch', parties: [{ departmentId: ids.get('ZJJ')!, role: 'lead' }] },
    agent,
  );
  const zp = (await repo.get(r.state.id))!.parties[0]!;
  assert.ok(
    (
      await repo.execute(
        r.state.id,
        { type: 'return', partyId: zp.id, reason: 'not_our_duty', note: '违建属城管' },
        dept('ZJJ'),
      )
    ).ok,
  );
  assert.equal((await departmentQueue(repo.db, ids.get('ZJJ')!, 'returned', page, clock.now())).items.length, 1);
  assert.equal((await centerQueue(repo.db, 'returned', page, clock.now())).items.length, 1);
  assert.ok(
    (
      await repo.execute(
        r.state.id,
        { type: 'arbitrate', partyId: zp.id, decision: 'redispatch', departmentId: ids.get('CGJ')! },
        supervisor,
      )
    ).ok,
  );
  assert.equal((await centerQueue(repo.db, 'returned', page, clock.now())).items.length, 0);

  // Move to 12 Oct: the first case's CGJ clock (due end of 13 Oct) is due soon; DC's co party is overdue to sign.
  const since = clock.now();
  clock.advance(cst('2026-10-12T12:00:00') - clock.now());
  const soon = await departmentQueue(repo.db, ids.get('CGJ')!, 'due_soon', page, clock.now());
  assert.ok(soon.items.some((i) => i.number === '12319-20260930-0001'));
  clock.advance(3 * 24 * HOUR);
  const overdue = await departmentQueue(repo.db, ids.get('CGJ')!, 'overdue', page, clock.now());
  assert.ok(overdue.items.some((i) => i.number === '12319-20260930-0001'));
  const alerts = await dueAlerts(repo.db, since, clock.now());
  assert.ok(alerts.some((a) => a.departmentId === dc && a.clock === 'sign' && a.level === 'breach'));
  assert.ok(alerts.some((a) => a.departmentId === ids.get('CGJ') && a.clock === 'finish' && a.level === 'breach'));
});

test('SQL metrics over the projections equal the log-replay metrics; the demo seed fills every queue', async () => {
  const demo = await openTestStore();
  try {
    const now = cst('2026-11-20T10:00:00');
    await seedCasesDemo(demo, { now });
    await seedCasesDemo(demo, { now }); // idempotent
    const repo = new CaseRepository(demo, { clock: { now: () => now } });
    const ctx = await repo.context();
    const rows = await repo.db.selectFrom('cases').select('id').execute();
    assert.equal(rows.length, 12);
    const states = await Promise.all(rows.map((r) => repo.rebuild(r.id)));
    for (const [i, s] of states.entries()) assert.deepEqual(s, await repo.get(rows[i]!.id));
    const facts = {
      assignments: states.flatMap((s) => assignmentFacts(s!)),
      rounds: states.flatMap((s) => roundFacts(s!)),
    };
    for (const groupBy of ['department', 'category', 'region', 'period', 'none'] as const) {
      const q = {
        from: cst('2026-11-01T00:00:00'),
        to: cst('2026-12-01T00:00:00'),
        groupBy,
        asOf: now,
        periodUnit: 'day' as const,
      };
      assert.deepEqual(await metricReportSql(repo.db, q, ctx.calendar), metricReport(facts, q, ctx.calendar), groupBy);
    }
    const page = { limit: 20, offset: 0 };
    for (const queue of ['to_dispatch', 'returned', 'extension', 'to_review', 'callback'] as const) {
      assert.ok((await centerQueue(repo.db, queue, page, now)).items.length > 0, queue);
    }
    const water = (
      await demo.db.selectFrom('departments').select('id').where('code', '=', 'WATER').executeTakeFirstOrThrow()
    ).id;
    assert.ok((await departmentQueue(repo.db, water, 'in_progress', page, now)).items.length >= 1);
  } finally {
    await demo.close();
  }
});
