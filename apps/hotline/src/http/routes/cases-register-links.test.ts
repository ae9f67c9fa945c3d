import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedCaseCatalog } from '@hotline/cases';
import { sql } from '@hotline/store';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';

let h: Harness;
let agent: Client;
let supervisor: Client;
let water: Client;
const MADE_UP = '9b0a1c3e-5f27-4c39-8d4e-1a2b3c4d5e6f';

const cdr = (leg: string, callId: string, caller: string, at: string) =>
  sql`insert into call_cdrs (leg_id, event_id, switch_id, call_id, direction, caller, callee, started_at,
      answered_at, ended_at, sip_status, q850_cause, cause_text, hangup_by)
    values (${leg}, ${`ev-${leg}`}, 'sw1', ${callId}, 'inbound', ${caller}, '12319', ${at},
      ${at}::timestamptz + interval '5 seconds', ${at}::timestamptz + interval '65 seconds', 200, 16, 'normal', 'caller')`.execute(
    h.store.db,
  );

before(async () => {
  h = await startHarness();
  await seedCaseCatalog(h.store);
  agent = await login(h.app, 'agent1', 'hotline-agent');
  supervisor = await login(h.app, 'banzhang', 'hotline-super');
  water = await login(h.app, 'water', 'hotline-dept');
  await cdr('leg-a1', 'call-a1@pbx', '13900001111', '2026-03-02T02:00:00Z');
  await cdr('leg-a2', 'call-a2@pbx', '13900001111', '2026-03-05T03:00:00Z');
  await cdr('leg-b1', 'call-b1@pbx', '13700009999', '2026-03-05T04:00:00Z');
});
after(async () => h.close());

type CaseJson = {
  case: { id: string; number: string; incidentId: string | null; links: { kind: string; ref: string }[] };
};
const intake = (over: Record<string, unknown> = {}) => ({
  type: 'repair',
  categoryCode: '030201',
  caller: { name: '王先生', phone: '139-0000-1111' },
  address: { text: '和平路1号', districtCode: '330102' },
  description: '停水',
  ...over,
});
const casesCount = async () =>
  Number(
    (
      await h.store.db
        .selectFrom('cases' as never)
        .select(sql<string>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const openIncident = async () => {
  const r = await supervisor.request('POST', '/api/v1/case-incidents', {
    title: '和平路爆管',
    kind: 'burst_main',
    districtCode: '330102',
    streetCode: null,
    categoryPrefixes: ['03'],
    startsAt: h.clock.now() - 3_600_000,
    endsAt: null,
    notice: '抢修中，预计18:00恢复',
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return (r.json as { incident: { id: string } }).incident.id;
};

test('POST /api/v1/cases links the call and the incident as it registers; a made-up incident stores nothing', async () => {
  const incidentId = await openIncident();
  const r = await agent.request('POST', '/api/v1/cases', {
    ...intake(),
    links: [{ kind: 'call', ref: 'call-a2@pbx' }],
    incidentId,
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const c = (r.json as CaseJson).case;
  assert.deepEqual(c.links, [{ kind: 'call', ref: 'call-a2@pbx' }]);
  assert.equal(c.incidentId, incidentId);
  const links = (await agent.request('GET', `/api/v1/cases/${c.id}/links`)).json as { calls: { legId: string }[] };
  assert.deepEqual(
    links.calls.map((x) => x.legId),
    ['leg-a2'],
  );
  const events = (await agent.request('GET', `/api/v1/cases/${c.id}/events`)).json as { events: { type: string }[] };
  assert.deepEqual(
    events.events.map((e) => e.type),
    ['registered', 'linked', 'incident_linked'],
  );

  const before = await casesCount();
  const bad = await agent.request('POST', '/api/v1/cases', { ...intake(), incidentId: MADE_UP });
  assert.equal(bad.status, 400, JSON.stringify(bad.json));
  assert.match(JSON.stringify(bad.json), /no such incident/);
  const badRef = await agent.request('POST', '/api/v1/cases', { ...intake(), links: [{ kind: 'message', ref: 'x' }] });
  assert.equal(badRef.status, 400);
  assert.equal(await casesCount(), before, 'nothing stored');
});

test('commands: link_incident / link_duplicate to made-up ids, the case itself or a cycle answer 400 (not 500), nothing changes', async () => {
  const a = ((await agent.request('POST', '/api/v1/cases', intake())).json as CaseJson).case;
  const b = ((await agent.request('POST', '/api/v1/cases', intake())).json as CaseJson).case;
  const cmd = (id: string, body: unknown) => agent.request('POST', `/api/v1/cases/${id}/commands`, body);
  const eventsOf = async (id: string) =>
    ((await agent.request('GET', `/api/v1/cases/${id}/events`)).json as { events: unknown[] }).events.length;
  const before = await eventsOf(a.id);
  for (const body of [
    { type: 'link_incident', incidentId: MADE_UP },
    { type: 'link_duplicate', parentCaseId: MADE_UP },
    { type: 'link_duplicate', parentCaseId: a.id },
  ]) {
    const r = await cmd(a.id, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)} → ${JSON.stringify(r.json)}`);
    assert.equal((r.json as { error: { code: string } }).error.code, 'validation_failed');
  }
  assert.equal(await eventsOf(a.id), before);
  assert.equal((await cmd(a.id, { type: 'link_duplicate', parentCaseId: b.id })).status, 200);
  const cycle = await cmd(b.id, { type: 'link_duplicate', parentCaseId: a.id });
  assert.equal(cycle.status, 400);
  assert.match(JSON.stringify(cycle.json), /duplicate of this one/);
  const unknownCase = await cmd(MADE_UP, { type: 'link_duplicate', parentCaseId: a.id });
  assert.equal(unknownCase.status, 404, 'the case in the URL is what 404 is about');
  const resolvedId = await openIncident();
  assert.equal((await supervisor.request('POST', `/api/v1/case-incidents/${resolvedId}/resolve`, {})).status, 200);
  assert.equal((await cmd(a.id, { type: 'link_incident', incidentId: resolvedId })).status, 409);
});

test('call candidates: the calls of the caller number (or a searched one, within dates), marked when linked; center only', async () => {
  const c = ((await agent.request('POST', '/api/v1/cases', intake())).json as CaseJson).case;
  type Page = { number: string | null; total: number; items: { legId: string; callId: string; linked: boolean }[] };
  const page = async (q = '') => {
    const r = await agent.request('GET', `/api/v1/cases/${c.id}/call-candidates${q}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as Page;
  };
  const mine = await page();
  assert.equal(mine.number, '13900001111', "the caller's phone, separators dropped");
  assert.deepEqual(
    mine.items.map((i) => [i.legId, i.linked]),
    [
      ['leg-a2', false],
      ['leg-a1', false],
    ],
    'newest first',
  );
  assert.equal(
    (await agent.request('POST', `/api/v1/cases/${c.id}/commands`, { type: 'link', kind: 'call', ref: 'leg-a1' }))
      .status,
    200,
  );
  assert.deepEqual(
    (await page()).items.map((i) => [i.legId, i.linked]),
    [
      ['leg-a2', false],
      ['leg-a1', true],
    ],
  );
  assert.deepEqual(
    (await page('?number=1370000')).items.map((i) => i.legId),
    ['leg-b1'],
  );
  assert.deepEqual(
    (await page('?from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z')).items.map((i) => i.legId),
    ['leg-a1'],
  );
  assert.equal((await agent.request('GET', `/api/v1/cases/${c.id}/call-candidates?number=abc`)).status, 400);
  assert.equal((await agent.request('GET', `/api/v1/cases/${MADE_UP}/call-candidates`)).status, 404);
  assert.equal((await water.request('GET', `/api/v1/cases/${c.id}/call-candidates`)).status, 403);
  const anonymous = (
    (await agent.request('POST', '/api/v1/cases', intake({ caller: { name: null, phone: null } }))).json as CaseJson
  ).case;
  const none = (await agent.request('GET', `/api/v1/cases/${anonymous.id}/call-candidates`)).json as Page;
  assert.deepEqual(none, { number: null, items: [], total: 0 }, 'no number, no dates: nothing to list');
});

test('GET /api/v1/files/limits tells the upload control the configured limit', async () => {
  const r = await agent.request('GET', '/api/v1/files/limits');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { maxBytes: 20 * 1024 * 1024, maxMb: 20 });
  assert.equal((await water.request('GET', '/api/v1/files/limits')).status, 200, 'departments upload replies');
  const qa = await login(h.app, 'qa', 'hotline-qa');
  assert.equal((await qa.request('GET', '/api/v1/files/limits')).status, 403);
});
