import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedCaseCatalog } from '@hotline/cases';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';

let h: Harness;
let ids: Map<string, string>;
let agent: Client;
let water: Client;
let dongcheng: Client;
let leader: Client;

before(async () => {
  h = await startHarness();
  ids = await seedCaseCatalog(h.store);
  agent = await login(h.app, 'agent1', 'hotline-agent');
  water = await login(h.app, 'water', 'hotline-dept');
  dongcheng = await login(h.app, 'dongcheng', 'hotline-dept');
  leader = await login(h.app, 'leader', 'hotline-leader');
});
after(async () => h.close());

const intake = (over: Record<string, unknown> = {}) => ({
  type: 'repair',
  categoryCode: '030201',
  caller: { name: '李女士', phone: '13800002222', confidential: true },
  address: { text: '东城区和平街道和平路1号', districtCode: '330102' },
  description: '自来水发黄',
  ...over,
});

type CaseJson = {
  case: {
    id: string;
    number: string;
    status: string;
    parties: { id: string; departmentId: string }[];
    intake: { caller: { phone: string } };
  };
};

test('a department user sees and changes only its own cases — per route and per case', async () => {
  const created = await agent.request('POST', '/api/v1/cases', intake());
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const c = (created.json as CaseJson).case;
  assert.match(c.number, /^12319-\d{8}-\d{4}$/);
  const d = await agent.request('POST', `/api/v1/cases/${c.id}/commands`, {
    type: 'dispatch',
    parties: [{ departmentId: ids.get('WATER'), role: 'lead' }],
  });
  assert.equal(d.status, 200, JSON.stringify(d.json));
  const partyId = (d.json as CaseJson).case.parties[0]!.id;

  // Another department: the case does not exist for it, on every per-case route.
  assert.equal((await dongcheng.request('GET', `/api/v1/cases/${c.id}`)).status, 404);
  assert.equal((await dongcheng.request('GET', `/api/v1/cases/${c.id}/events`)).status, 404);
  assert.equal(
    (await dongcheng.request('POST', `/api/v1/cases/${c.id}/commands`, { type: 'sign', partyId })).status,
    404,
  );
  const dq = await dongcheng.request('GET', '/api/v1/department/cases?queue=to_sign');
  assert.ok(!(dq.json as { items: { caseId: string }[] }).items.some((i) => i.caseId === c.id));
  // Department users have no center lists and no metrics.
  assert.equal((await water.request('GET', '/api/v1/cases')).status, 403);
  assert.equal(
    (await water.request('GET', '/api/v1/case-metrics?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z')).status,
    403,
  );
  // The assigned department sees it (number masked: confidential caller) and can sign it.
  const seen = await water.request('GET', `/api/v1/cases/${c.id}`);
  assert.equal(seen.status, 200);
  assert.equal((seen.json as CaseJson).case.intake.caller.phone, '138****2222');
  const ev = await water.request('GET', `/api/v1/cases/${c.id}/events`);
  assert.ok(!JSON.stringify(ev.json).includes('13800002222'), 'the event log is masked too');
  assert.equal(
    ((await agent.request('GET', `/api/v1/cases/${c.id}`)).json as CaseJson).case.intake.caller.phone,
    '13800002222',
  );
  const wq = await water.request('GET', '/api/v1/department/cases?queue=to_sign');
  assert.ok((wq.json as { items: { caseId: string }[] }).items.some((i) => i.caseId === c.id));
  // A department cannot perform center commands on its own case either.
  const selfDispatch = await water.request('POST', `/api/v1/cases/${c.id}/commands`, {
    type: 'dispatch',
    parties: [{ departmentId: ids.get('DC'), role: 'co' }],
  });
  assert.equal(selfDispatch.status, 403);
  const signed = await water.request('POST', `/api/v1/cases/${c.id}/commands`, { type: 'sign', partyId });
  assert.equal(signed.status, 200);
  assert.equal((signed.json as CaseJson).case.status, 'in_progress');
  const again = await water.request('POST', `/api/v1/cases/${c.id}/commands`, { type: 'sign', partyId });
  assert.equal(again.status, 409, 'illegal transition maps to 409');
  const bad = await water.request('POST', `/api/v1/cases/${c.id}/commands`, { type: 'reply', partyId, content: '' });
  assert.equal(bad.status, 400);
});

test('full loop over HTTP: reply, review, callback, close; center lists and metrics with formulas', async () => {
  const c = (
    (
      await agent.request(
        'POST',
        '/api/v1/cases',
        intake({ caller: { name: null, phone: '13911112222', confidential: false } }),
      )
    ).json as CaseJson
  ).case;
  const cmd = (client: Client, body: unknown) => client.request('POST', `/api/v1/cases/${c.id}/commands`, body);
  const d = await cmd(agent, { type: 'dispatch', parties: [{ departmentId: ids.get('WATER'), role: 'lead' }] });
  const partyId = (d.json as CaseJson).case.parties[0]!.id;
  assert.equal((await cmd(water, { type: 'sign', partyId })).status, 200);
  assert.equal((await cmd(water, { type: 'reply', partyId, content: '已冲洗管网' })).status, 200);
  const toReview = await agent.request('GET', '/api/v1/cases?queue=to_review');
  assert.ok((toReview.json as { items: { caseId: string }[] }).items.some((i) => i.caseId === c.id));
  assert.equal((await cmd(agent, { type: 'review', partyId, accept: true })).status, 200);
  assert.equal(
    (await cmd(agent, { type: 'record_callback', reached: true, resolved: true, satisfaction: 'satisfied' })).status,
    200,
  );
  const closed = await cmd(agent, { type: 'close', reason: 'satisfied' });
  assert.equal((closed.json as CaseJson).case.status, 'closed');
  assert.equal((await cmd(leader, { type: 'instruct', text: '好' })).status, 409, 'closed case');

  const now = new Date(h.clock.now());
  const from = new Date(now.getTime() - 86_400_000).toISOString();
  const to = new Date(now.getTime() + 86_400_000).toISOString();
  const m = await leader.request('GET', `/api/v1/case-metrics?from=${from}&to=${to}&groupBy=department`);
  assert.equal(m.status, 200, JSON.stringify(m.json));
  const body = m.json as {
    formulas: Record<string, { zh: string }>;
    rows: { label: string; current: Record<string, { numerator: number; denominator: number }> }[];
  };
  assert.equal(body.formulas.timelySign!.zh, '及时签收率');
  const w = body.rows.find((r) => r.label === '市水务集团')!;
  assert.deepEqual(w.current.satisfactionRate, { numerator: 1, denominator: 1, rate: 1 });
  assert.equal(w.current.returnRate!.denominator, 2);
});

test('citizen portal: submit, then follow by number plus phone only', async () => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/public/cases',
    payload: {
      type: 'complaint',
      categoryCode: '010101',
      caller: { phone: '13655556666' },
      address: { text: '西城区城北街道' },
      description: '垃圾没人收',
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  const { number } = res.json() as { number: string };
  const ok = await h.app.inject({
    method: 'GET',
    url: `/api/v1/public/cases/follow?number=${number}&phone=13655556666`,
  });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(
    (ok.json() as { timeline: { step: string }[] }).timeline.map((t) => t.step),
    ['已受理'],
  );
  const wrong = await h.app.inject({
    method: 'GET',
    url: `/api/v1/public/cases/follow?number=${number}&phone=13600000000`,
  });
  assert.equal(wrong.statusCode, 404);
  const anonymousCenter = await h.app.inject({ method: 'GET', url: '/api/v1/cases' });
  assert.equal(anonymousCenter.statusCode, 401);
});
