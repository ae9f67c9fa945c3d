import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import type { Actor } from './actor.ts';
import { CaseRepository } from './case-repository.ts';
import { IncidentRepository } from './incident-repository.ts';
import { seedCaseCatalog } from './seed-demo.ts';
import { demoIntake } from './testing.ts';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const HOUR = 3_600_000;
const clock = new FakeScheduler(cst('2026-09-30T10:00:00'));
const agent: Actor = { id: '00000000-0000-4000-8000-0000000000a1', name: '坐席', roles: ['agent'], departmentId: null };
const supervisor: Actor = {
  id: '00000000-0000-4000-8000-0000000000a2',
  name: '班长',
  roles: ['supervisor'],
  departmentId: null,
};
const MADE_UP = '9b0a1c3e-5f27-4c39-8d4e-1a2b3c4d5e6f';
let store: Store;
let repo: CaseRepository;
let incidents: IncidentRepository;

before(async () => {
  store = await openTestStore();
  await seedCaseCatalog(store);
  repo = new CaseRepository(store, { clock });
  incidents = new IncidentRepository(repo);
});
after(async () => {
  await store.close();
});

const register = async () => {
  const r = await repo.register(demoIntake({ categoryCode: '030201' }), agent);
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  return r.state;
};
const counts = async (caseId: string) => ({
  events: (await repo.events(caseId)).length,
  audit: Number(
    (
      await store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('target_id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).n,
  ),
});
const openIncident = async (title: string) => {
  const r = await incidents.create(
    {
      title,
      kind: 'burst_main',
      districtCode: '330102',
      streetCode: null,
      categoryPrefixes: ['03'],
      startsAt: clock.now() - HOUR,
      endsAt: null,
      notice: '抢修中',
    },
    supervisor,
  );
  assert.ok(r.ok);
  return r.value;
};

test('link_incident: a made-up or resolved incident is refused with a coded error and nothing changes', async () => {
  const c = await register();
  const before = await counts(c.id);
  const made = await repo.execute(c.id, { type: 'link_incident', incidentId: MADE_UP }, agent);
  assert.ok(!made.ok);
  assert.equal(made.error.code, 'validation_failed');
  assert.match(made.error.message, /no such incident/);
  const garbage = await repo.execute(c.id, { type: 'link_incident', incidentId: 'not-a-uuid' }, agent);
  assert.ok(!garbage.ok && garbage.error.code === 'validation_failed');

  const inc = await openIncident('停水一');
  assert.ok((await incidents.resolve(inc.id, null, supervisor)).ok);
  const resolved = await repo.execute(c.id, { type: 'link_incident', incidentId: inc.id }, agent);
  assert.ok(!resolved.ok);
  assert.equal(resolved.error.code, 'illegal_transition');
  assert.deepEqual(await counts(c.id), before, 'no event, no audit row');
  assert.equal((await repo.get(c.id))!.incidentId, null);

  const open = await openIncident('停水二');
  assert.ok((await repo.execute(c.id, { type: 'link_incident', incidentId: open.id }, agent)).ok);
  assert.ok(
    (await repo.execute(c.id, { type: 'link_incident', incidentId: null }, agent)).ok,
    'unlinking needs no target',
  );
});

test('link_duplicate: a made-up case, the case itself and a cycle are refused; a chain is fine', async () => {
  const a = await register();
  const b = await register();
  const c = await register();
  const before = await counts(a.id);
  const made = await repo.execute(a.id, { type: 'link_duplicate', parentCaseId: MADE_UP }, agent);
  assert.ok(!made.ok && made.error.code === 'validation_failed' && /no such case/.test(made.error.message));
  const self = await repo.execute(a.id, { type: 'link_duplicate', parentCaseId: a.id }, agent);
  assert.ok(!self.ok && self.error.code === 'validation_failed');
  assert.deepEqual(await counts(a.id), before);

  assert.ok((await repo.execute(a.id, { type: 'link_duplicate', parentCaseId: b.id }, agent)).ok, 'a → b');
  assert.ok((await repo.execute(b.id, { type: 'link_duplicate', parentCaseId: c.id }, agent)).ok, 'b → c');
  const beforeC = await counts(c.id);
  const cycle = await repo.execute(c.id, { type: 'link_duplicate', parentCaseId: a.id }, agent);
  assert.ok(!cycle.ok);
  assert.equal(cycle.error.code, 'validation_failed');
  assert.match(cycle.error.message, /duplicate of this one/);
  const twoCycle = await repo.execute(b.id, { type: 'link_duplicate', parentCaseId: a.id }, agent);
  assert.ok(!twoCycle.ok && twoCycle.error.code === 'validation_failed', 'b → a while a → b');
  assert.deepEqual(await counts(c.id), beforeC);
  assert.equal((await repo.get(c.id))!.parentCaseId, null);
});

test('register with links: the call and the incident are linked in the registering transaction, or nothing is stored', async () => {
  const inc = await openIncident('停水三');
  const r = await repo.register(
    demoIntake({ categoryCode: '030201' }),
    agent,
    {},
    {
      links: [{ kind: 'call', ref: 'leg-pop-1' }],
      incidentId: inc.id,
    },
  );
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  assert.deepEqual(
    r.events.map((e) => e.type),
    ['registered', 'linked', 'incident_linked'],
  );
  const stored = (await repo.get(r.state.id))!;
  assert.deepEqual(stored.links, [{ kind: 'call', ref: 'leg-pop-1' }]);
  assert.equal(stored.incidentId, inc.id);
  assert.deepEqual(await repo.rebuild(r.state.id), stored, 'replay equals the row');
  const rows = await store.db.selectFrom('audit_log').select(['action']).where('target_id', '=', r.state.id).execute();
  assert.deepEqual(
    rows.map((x) => x.action),
    ['case.register'],
    'one audit row for the registration',
  );

  const casesBefore = await repo.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const refused = await repo.register(
    demoIntake({ categoryCode: '030201' }),
    agent,
    {},
    {
      links: [{ kind: 'call', ref: 'leg-pop-2' }],
      incidentId: MADE_UP,
    },
  );
  assert.ok(!refused.ok && refused.error.code === 'validation_failed');
  const casesAfter = await repo.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(casesAfter.n, casesBefore.n, 'no case stored');
  const next = await repo.register(demoIntake({ categoryCode: '030201' }), agent);
  assert.ok(next.ok);
  assert.equal(Number(next.state.number.slice(-4)), Number(r.state.number.slice(-4)) + 1, 'no number used up');
});

test('the same call is not linked twice', async () => {
  const c = await register();
  assert.ok((await repo.execute(c.id, { type: 'link', kind: 'call', ref: 'leg-x' }, agent)).ok);
  const again = await repo.execute(c.id, { type: 'link', kind: 'call', ref: 'leg-x' }, agent);
  assert.ok(!again.ok && again.error.code === 'conflict');
  assert.ok((await repo.execute(c.id, { type: 'link', kind: 'recording', ref: 'leg-x' }, agent)).ok, 'another kind');
});
