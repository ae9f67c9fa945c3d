import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedCaseCatalog } from '@hotline/cases';
import { type Client, type Harness, loginDemo, startHarness } from '../../../test/harness.ts';

let h: Harness;
let admin: Client;
let supervisor: Client;
let agent: Client;
let leader: Client;
let qa: Client;
let water: Client;

before(async () => {
  h = await startHarness();
  await seedCaseCatalog(h.store);
  ({ admin, supervisor, agent, leader, qa, water } = await loginDemo(
    h.app,
    'admin',
    'supervisor',
    'agent',
    'leader',
    'qa',
    'water',
  ));
});
after(async () => h.close());

type Incident = { id: string; status: string; endsAt: number | null; caseCount: number; notice: string };
const HOUR = 3_600_000;
const burst = () => ({
  title: '和平路DN300供水管爆管',
  kind: 'burst_main',
  districtCode: '330102',
  streetCode: '330102001',
  categoryPrefixes: ['03'],
  startsAt: h.clock.now() - HOUR,
  notice: '抢修中，预计今日18:00恢复供水',
});
const intake = (categoryCode: string) => ({
  type: 'repair',
  categoryCode,
  urgency: 'urgent',
  caller: { name: null, phone: '13700003333' },
  address: { text: '和平路88号', districtCode: '330102', streetCode: '330102001' },
  description: '路面冒水，家里停水',
});
const audit = (action: string) =>
  h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

test('a supervisor declares an incident, agents link cases, everyone in the center reads it, the supervisor resolves it', async () => {
  const created = await supervisor.request('POST', '/api/v1/case-incidents', burst());
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const id = (created.json as { incident: Incident }).incident.id;
  assert.equal((await audit('case_incident.create')).at(-1)?.target_id, id);

  // The register form asks which open incidents match what it knows so far.
  const sug = await agent.request(
    'GET',
    '/api/v1/case-incidents/suggestions?categoryCode=030101&districtCode=330102&streetCode=330102001',
  );
  assert.equal(sug.status, 200, JSON.stringify(sug.json));
  assert.deepEqual(
    (sug.json as { incidents: Incident[] }).incidents.map((i) => i.id),
    [id],
  );
  const noise = await agent.request(
    'GET',
    '/api/v1/case-incidents/suggestions?categoryCode=040101&districtCode=330102',
  );
  assert.deepEqual((noise.json as { incidents: Incident[] }).incidents, []);
  assert.equal((await agent.request('GET', '/api/v1/case-incidents/suggestions')).status, 400);

  const caseIds: string[] = [];
  for (const c of ['030101', '030301']) {
    const r = await agent.request('POST', '/api/v1/cases', intake(c));
    assert.equal(r.status, 201, JSON.stringify(r.json));
    caseIds.push((r.json as { case: { id: string } }).case.id);
  }
  const linked = await agent.request('POST', `/api/v1/case-incidents/${id}/cases`, { caseIds });
  assert.equal(linked.status, 200, JSON.stringify(linked.json));
  assert.deepEqual(
    (linked.json as { results: { ok: boolean }[] }).results.map((r) => r.ok),
    [true, true],
  );
  const events = (await agent.request('GET', `/api/v1/cases/${caseIds[0]}/events`)).json as {
    events: { type: string }[];
  };
  assert.equal(events.events.at(-1)?.type, 'incident_linked', "the case's own log records the link");
  assert.equal((await audit('case.link_incident')).length, 2);

  for (const reader of [agent, leader, qa, admin]) {
    const list = await reader.request('GET', '/api/v1/case-incidents?status=open');
    assert.equal(list.status, 200);
    const body = list.json as { items: Incident[]; kinds: string[] };
    assert.equal(body.items.find((i) => i.id === id)?.caseCount, 2);
    assert.ok(body.kinds.includes('planned_outage'));
    const detail = await reader.request('GET', `/api/v1/case-incidents/${id}`);
    assert.deepEqual(
      (detail.json as { incident: { cases: { id: string }[] } }).incident.cases.map((c) => c.id),
      caseIds,
    );
  }

  const edited = await supervisor.request('PATCH', `/api/v1/case-incidents/${id}`, { notice: '预计 20:00 恢复' });
  assert.equal((edited.json as { incident: Incident }).incident.notice, '预计 20:00 恢复');
  const resolved = await supervisor.request('POST', `/api/v1/case-incidents/${id}/resolve`, {});
  assert.equal(resolved.status, 200, JSON.stringify(resolved.json));
  assert.equal((resolved.json as { incident: Incident }).incident.status, 'resolved');
  assert.equal((resolved.json as { incident: Incident }).incident.endsAt, h.clock.now());
  const twice = await supervisor.request('POST', `/api/v1/case-incidents/${id}/resolve`, {});
  assert.equal(twice.status, 409, JSON.stringify(twice.json));
  const late = await agent.request('POST', `/api/v1/case-incidents/${id}/cases`, { caseIds });
  assert.equal(late.status, 409);
  const unlinked = await agent.request('POST', `/api/v1/case-incidents/${id}/cases/unlink`, { caseIds: [caseIds[1]] });
  assert.equal((unlinked.json as { results: { ok: boolean }[] }).results[0]?.ok, true);
  assert.equal((await admin.request('POST', `/api/v1/case-incidents/${id}/reopen`)).status, 200);
  const after = (await leader.request('GET', `/api/v1/case-incidents/${id}`)).json as { incident: Incident };
  assert.deepEqual([after.incident.status, after.incident.caseCount, after.incident.endsAt], ['open', 1, null]);
});

test('roles: agents, QA and leaders do not declare or resolve; department users see no incidents', async () => {
  const id = ((await supervisor.request('POST', '/api/v1/case-incidents', burst())).json as { incident: Incident })
    .incident.id;
  for (const c of [agent, leader, qa, water]) {
    assert.equal((await c.request('POST', '/api/v1/case-incidents', burst())).status, 403);
    assert.equal((await c.request('POST', `/api/v1/case-incidents/${id}/resolve`, {})).status, 403);
    assert.equal((await c.request('PATCH', `/api/v1/case-incidents/${id}`, { title: 'x' })).status, 403);
  }
  for (const c of [leader, qa, water]) {
    assert.equal((await c.request('POST', `/api/v1/case-incidents/${id}/cases`, { caseIds: [id] })).status, 403);
  }
  assert.equal((await water.request('GET', '/api/v1/case-incidents')).status, 403);
  assert.equal((await water.request('GET', `/api/v1/case-incidents/${id}`)).status, 403);
});

test('bad input: clear 400/404, nothing written', async () => {
  const before = (await audit('case_incident.create')).length;
  const bad: [unknown, RegExp][] = [
    [{ ...burst(), kind: 'Meteor!' }, /kind/],
    [{ ...burst(), kind: 'meteor' }, /kind: one of/],
    [{ ...burst(), districtCode: '999999' }, /unknown district/],
    [{ ...burst(), streetCode: '330103001' }, /not in district/],
    [{ ...burst(), categoryPrefixes: ['99'] }, /unknown category/],
    [{ ...burst(), title: '' }, /title/],
    [{ ...burst(), startsAt: 'yesterday' }, /startsAt/],
    [{ ...burst(), status: 'resolved' }, /status|unrecognized/i],
    [{ ...burst(), endsAt: h.clock.now() - 2 * HOUR }, /endsAt/],
  ];
  for (const [body, message] of bad) {
    const r = await supervisor.request('POST', '/api/v1/case-incidents', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.match(JSON.stringify(r.json), message);
  }
  assert.equal((await audit('case_incident.create')).length, before);
  const missing = '00000000-0000-4000-8000-000000000000';
  assert.equal((await agent.request('GET', `/api/v1/case-incidents/${missing}`)).status, 404);
  assert.equal((await agent.request('GET', '/api/v1/case-incidents/not-a-uuid')).status, 404);
  assert.equal((await supervisor.request('PATCH', `/api/v1/case-incidents/${missing}`, { title: 'x' })).status, 404);
  assert.equal((await supervisor.request('PATCH', `/api/v1/case-incidents/${missing}`, {})).status, 400);
  assert.equal((await agent.request('POST', `/api/v1/case-incidents/${missing}/cases`, { caseIds: [] })).status, 400);
  assert.equal((await agent.request('GET', '/api/v1/case-incidents?status=maybe')).status, 400);
});
