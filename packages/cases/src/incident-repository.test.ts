import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import type { Actor } from './actor.ts';
import { CaseRepository } from './case-repository.ts';
import { type IncidentInput, IncidentRepository } from './incident-repository.ts';
import { seedCaseCatalog, seedCasesDemo } from './seed-demo.ts';
import { demoIntake } from './testing.ts';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const HOUR = 3_600_000;
const clock = new FakeScheduler(cst('2026-09-30T10:00:00'));
let store: Store;
let cases: CaseRepository;
let incidents: IncidentRepository;

const supervisor: Actor = {
  id: '00000000-0000-4000-8000-0000000000a2',
  name: '班长',
  roles: ['supervisor'],
  departmentId: null,
};
const agent: Actor = { id: '00000000-0000-4000-8000-0000000000a1', name: '坐席', roles: ['agent'], departmentId: null };
const qa: Actor = { id: '00000000-0000-4000-8000-0000000000a3', name: '质检', roles: ['qa'], departmentId: null };

const burst = (over: Partial<IncidentInput> = {}): IncidentInput => ({
  title: '和平路DN300供水管爆管',
  kind: 'burst_main',
  districtCode: '330102',
  streetCode: '330102001',
  categoryPrefixes: ['03'],
  startsAt: clock.now() - HOUR,
  endsAt: null,
  notice: '抢修中，预计今日18:00恢复供水',
  ...over,
});

const audit = (targetId: string) =>
  store.db
    .selectFrom('audit_log')
    .select(['action', 'before', 'after', 'actor_name'])
    .where('target_id', '=', targetId)
    .orderBy('id')
    .execute();
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;

before(async () => {
  store = await openTestStore();
  await seedCaseCatalog(store);
  cases = new CaseRepository(store, { clock });
  incidents = new IncidentRepository(cases);
});
after(async () => {
  await store.close();
});

test('create, update, resolve, reopen: each one transaction with its audit row (before/after); illegal moves refused', async () => {
  const c = await incidents.create(burst(), supervisor, { ip: '10.0.0.9' });
  assert.ok(c.ok, c.ok ? '' : c.error.message);
  const id = c.value.id;
  assert.equal(c.value.status, 'open');

  const u = await incidents.update(
    id,
    { notice: '预计 20:00 恢复供水', categoryPrefixes: ['0301', '0303'] },
    supervisor,
  );
  assert.ok(u.ok);
  assert.deepEqual(u.value.categoryPrefixes, ['0301', '0303']);

  const reopenOpen = await incidents.reopen(id, supervisor);
  assert.ok(!reopenOpen.ok && reopenOpen.error.code === 'illegal_transition');
  const tooLate = await incidents.resolve(id, clock.now() + HOUR, supervisor);
  assert.ok(!tooLate.ok && tooLate.error.code === 'validation_failed', 'an end in the future is not an end');
  const tooEarly = await incidents.resolve(id, clock.now() - 2 * HOUR, supervisor);
  assert.ok(!tooEarly.ok && /between the start/.test(tooEarly.error.message));

  const r = await incidents.resolve(id, null, supervisor);
  assert.ok(r.ok);
  assert.equal(r.value.status, 'resolved');
  assert.equal(r.value.endsAt, clock.now());
  const again = await incidents.resolve(id, null, supervisor);
  assert.ok(!again.ok && again.error.code === 'illegal_transition');
  const cleared = await incidents.update(id, { endsAt: null }, supervisor);
  assert.ok(!cleared.ok && /required once resolved/.test(cleared.error.message));

  const o = await incidents.reopen(id, supervisor);
  assert.ok(o.ok);
  assert.equal(o.value.status, 'open');
  assert.equal(o.value.endsAt, null);

  const rows = await audit(id);
  assert.deepEqual(
    rows.map((x) => x.action),
    ['case_incident.create', 'case_incident.update', 'case_incident.resolve', 'case_incident.reopen'],
  );
  assert.equal(json(rows[0]!.before), null);
  assert.equal(json(rows[1]!.before)?.notice, '抢修中，预计今日18:00恢复供水');
  assert.equal(json(rows[1]!.after)?.notice, '预计 20:00 恢复供水');
  assert.equal(json(rows[2]!.before)?.status, 'open');
  assert.equal(json(rows[2]!.after)?.status, 'resolved');
  assert.equal(rows[3]!.actor_name, '班长');

  const stored = await incidents.get(id);
  assert.equal(stored?.status, 'open');
  assert.equal(stored?.notice, '预计 20:00 恢复供水');
});

test('bad input changes nothing: unknown area or category, wrong kind, unknown ids', async () => {
  const count = async () =>
    Number(
      (
        await store.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const n = await count();
  const before = await incidents.list({ limit: 100, offset: 0 });
  for (const bad of [
    burst({ kind: 'meteor' }),
    burst({ districtCode: '999999' }),
    burst({ streetCode: '330103001' }),
    burst({ categoryPrefixes: ['99'] }),
    burst({ title: ' ' }),
    burst({ endsAt: clock.now() - 2 * HOUR }),
    burst({ title: 42 as never }),
  ]) {
    const r = await incidents.create(bad, supervisor);
    assert.ok(!r.ok && r.error.code === 'validation_failed', JSON.stringify(bad));
  }
  const c = await incidents.create(burst({ title: '原始标题' }), supervisor);
  assert.ok(c.ok);
  const m = await count();
  const u = await incidents.update(c.value.id, { districtCode: '330103' }, supervisor);
  assert.ok(!u.ok && /not in district/.test(u.error.message));
  assert.equal((await incidents.update(c.value.id, {}, supervisor)).ok, false);
  for (const id of ['nope', "1'; drop table cases; --", '00000000-0000-4000-8000-000000000000']) {
    for (const r of [
      await incidents.update(id, { title: 'x' }, supervisor),
      await incidents.resolve(id, null, supervisor),
      await incidents.reopen(id, supervisor),
      await incidents.linkCases(id, ['00000000-0000-4000-8000-000000000001'], supervisor),
    ]) {
      assert.ok(!r.ok && r.error.code === 'not_found', id);
    }
    assert.equal(await incidents.get(id), null);
  }
  assert.equal(await count(), m);
  assert.equal(m, n + 1);
  assert.equal((await incidents.get(c.value.id))?.title, '原始标题');
  assert.equal((await incidents.list({ limit: 100, offset: 0 })).total, before.total + 1);
});

test('linking goes through each case command (event log), reported per case; counts follow; suggestions match', async () => {
  const c = await incidents.create(burst({ title: '幸福路爆管' }), supervisor);
  assert.ok(c.ok);
  const id = c.value.id;
  const water = [];
  for (let i = 0; i < 3; i++) {
    const r = await cases.register(demoIntake({ categoryCode: '030101', description: `停水 ${i}` }), agent);
    assert.ok(r.ok);
    water.push(r.state.id);
  }
  const suggested = await incidents.suggest(demoIntake({ categoryCode: '030101' }), clock.now());
  assert.ok(suggested.some((i) => i.id === id));
  assert.ok(
    !(await incidents.suggest(demoIntake({ categoryCode: '040101' }), clock.now())).some((i) => i.id === id),
    'noise is not a burst main',
  );

  const missing = '00000000-0000-4000-8000-00000000dead';
  const linked = await incidents.linkCases(id, [water[0]!, water[1]!, missing, water[0]!], agent);
  assert.ok(linked.ok);
  assert.deepEqual(
    linked.value.map((o) => [o.caseId, o.ok, o.ok ? o.changed : o.code]),
    [
      [water[0], true, true],
      [water[1], true, true],
      [missing, false, 'not_found'],
    ],
  );
  const events = await cases.events(water[0]!);
  assert.deepEqual(events.at(-1), { ...events.at(-1), type: 'incident_linked', incidentId: id });
  const again = await incidents.linkCases(id, [water[0]!], agent);
  assert.ok(again.ok && again.value[0]!.ok && !again.value[0]!.changed, 'already linked: no new event');
  assert.equal((await cases.events(water[0]!)).length, events.length);

  const refused = await incidents.linkCases(id, [water[2]!], qa);
  assert.ok(refused.ok && !refused.value[0]!.ok && refused.value[0]!.code === 'forbidden', 'the command checks roles');

  let detail = await incidents.get(id);
  assert.equal(detail?.caseCount, 2);
  assert.deepEqual(detail?.cases.map((x) => x.id).sort(), [water[0], water[1]].sort());
  const listed = (await incidents.list({ text: '幸福路', limit: 10, offset: 0 })).items;
  assert.deepEqual(
    listed.map((i) => [i.id, i.caseCount, i.openCaseCount]),
    [[id, 2, 2]],
  );

  const unlinked = await incidents.linkCases(id, [water[1]!, water[2]!], supervisor, { unlink: true });
  assert.ok(unlinked.ok);
  assert.deepEqual(
    unlinked.value.map((o) => o.ok),
    [true, false],
  );
  assert.equal((await cases.get(water[1]!))?.incidentId, null);
  detail = await incidents.get(id);
  assert.equal(detail?.caseCount, 1);

  assert.ok((await incidents.resolve(id, null, supervisor)).ok);
  const closed = await incidents.linkCases(id, [water[2]!], supervisor);
  assert.ok(!closed.ok && closed.error.code === 'illegal_transition', 'resolved incidents take no new cases');
  assert.ok(!(await incidents.suggest(demoIntake({ categoryCode: '030101' }), clock.now())).some((i) => i.id === id));
  assert.equal((await incidents.linkCases(id, [], supervisor)).ok, false);
});

test('list: status, text (wildcards are literal) and time window filters; open first', async () => {
  const t = clock.now();
  const planned = await incidents.create(
    burst({
      title: '城北街道计划停水 100%',
      kind: 'planned_outage',
      districtCode: '330103',
      streetCode: '330103001',
      categoryPrefixes: ['0301'],
      startsAt: t + 24 * HOUR,
      endsAt: t + 32 * HOUR,
    }),
    supervisor,
  );
  assert.ok(planned.ok);
  const q = (over: object) => incidents.list({ limit: 100, offset: 0, ...over });
  const all = await q({});
  const firstResolved = all.items.findIndex((i) => i.status === 'resolved');
  assert.ok(firstResolved > 0 && all.items.slice(firstResolved).every((i) => i.status === 'resolved'));
  assert.ok((await q({ status: 'resolved' })).items.every((i) => i.status === 'resolved'));
  assert.deepEqual(
    (await q({ text: '100%' })).items.map((i) => i.id),
    [planned.value.id],
  );
  assert.equal((await q({ text: '%' })).total, 1, '% is literal');
  assert.equal((await q({ text: '_' })).total, 0);
  const tomorrow = await q({ from: t + 25 * HOUR, to: t + 26 * HOUR });
  assert.ok(tomorrow.items.some((i) => i.id === planned.value.id));
  assert.ok(!(await q({ from: t + 33 * HOUR })).items.some((i) => i.id === planned.value.id), 'ended before');
  assert.ok(!(await q({ to: t })).items.some((i) => i.id === planned.value.id), 'starts after');
  const page = await q({ limit: 1, offset: 1 });
  assert.equal(page.items.length, 1);
  assert.equal(page.total, all.total);
});

test('the demo data holds a burst main grouping two calls and a planned outage suggested in its street', async () => {
  const demo = await openTestStore();
  try {
    const now = clock.now();
    await seedCasesDemo(demo, { now });
    const repo = new IncidentRepository(new CaseRepository(demo, { clock }));
    const open = await repo.list({ status: 'open', limit: 10, offset: 0 });
    assert.deepEqual(open.items.map((i) => [i.kind, i.caseCount]).sort(), [
      ['burst_main', 2],
      ['planned_outage', 0],
    ]);
    const there = demoIntake({
      categoryCode: '030101',
      address: { ...demoIntake().address, districtCode: '330103', streetCode: '330103001' },
    });
    assert.deepEqual(
      (await repo.suggest(there, now)).map((i) => i.kind),
      ['planned_outage'],
    );
  } finally {
    await demo.close();
  }
});
