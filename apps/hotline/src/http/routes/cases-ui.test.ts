/** Routes added for the work-order web pages: center lists with clocks, deadline preview, public catalog, follow kinds, region labels. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedCaseCatalog } from '@hotline/cases';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';

let h: Harness;
let ids: Map<string, string>;
let agent: Client;
let water: Client;
let leader: Client;

before(async () => {
  h = await startHarness();
  ids = await seedCaseCatalog(h.store);
  agent = await login(h.app, 'agent1', 'hotline-agent');
  water = await login(h.app, 'water', 'hotline-dept');
  leader = await login(h.app, 'leader', 'hotline-leader');
});
after(async () => h.close());

const intake = {
  type: 'repair',
  categoryCode: '030201',
  caller: { name: '李女士', phone: '13800002222', confidential: false },
  address: { text: '东城区和平街道和平路1号', districtCode: '330102', streetCode: '330102001' },
  description: '自来水发黄',
};
type Item = {
  caseId: string;
  signDeadline: number | null;
  finishDeadline: number | null;
  departments: { name: string; role: string; status: string }[];
};

test('center lists carry each case’s open clocks and departments', async () => {
  const c = ((await agent.request('POST', '/api/v1/cases', intake)).json as { case: { id: string } }).case;
  const d = await agent.request('POST', `/api/v1/cases/${c.id}/commands`, {
    type: 'dispatch',
    parties: [
      { departmentId: ids.get('WATER'), role: 'lead' },
      { departmentId: ids.get('DC'), role: 'co' },
    ],
  });
  assert.equal(d.status, 200, JSON.stringify(d.json));
  const parties = (d.json as { case: { parties: { signDeadline: number; finishDeadline: number }[] } }).case.parties;
  const all = await agent.request('GET', '/api/v1/cases?queue=all');
  const item = (all.json as { items: Item[] }).items.find((i) => i.caseId === c.id)!;
  assert.equal(item.signDeadline, Math.min(...parties.map((p) => p.signDeadline)));
  assert.equal(item.finishDeadline, Math.min(...parties.map((p) => p.finishDeadline)));
  assert.deepEqual(item.departments.map((x) => [x.name, x.role, x.status]).sort(), [
    ['东城区人民政府', 'co', 'to_sign'],
    ['市水务集团', 'lead', 'to_sign'],
  ]);
  const registered = ((await agent.request('POST', '/api/v1/cases', intake)).json as { case: { id: string } }).case;
  const toDispatch = await agent.request('GET', '/api/v1/cases?queue=to_dispatch');
  const fresh = (toDispatch.json as { items: Item[] }).items.find((i) => i.caseId === registered.id)!;
  assert.equal(fresh.finishDeadline, null, 'no party, no clock');
  assert.deepEqual(fresh.departments, []);
});

test('deadline preview follows the category time limit; center roles only', async () => {
  const r = await agent.request('GET', '/api/v1/case-catalog/deadline?categoryCode=020102&urgency=urgent');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const body = r.json as {
    timeLimit: { sign: unknown; finish: unknown };
    signDeadline: number;
    finishDeadline: number;
  };
  assert.deepEqual(body.timeLimit, { sign: { unit: 'hours', amount: 0.5 }, finish: { unit: 'hours', amount: 2 } });
  assert.equal(body.signDeadline, h.clock.now() + 30 * 60_000);
  assert.equal(body.finishDeadline, h.clock.now() + 2 * 3_600_000);
  const unknown = await agent.request('GET', '/api/v1/case-catalog/deadline?categoryCode=999999');
  assert.equal(unknown.status, 400);
  assert.equal((await water.request('GET', '/api/v1/case-catalog/deadline?categoryCode=020102')).status, 403);
  const catalog = await agent.request('GET', '/api/v1/case-catalog');
  assert.deepEqual((catalog.json as { defaultLimits: { normal: unknown } }).defaultLimits.normal, {
    sign: { unit: 'working_days', amount: 1 },
    finish: { unit: 'working_days', amount: 5 },
  });
});

test('public catalog: categories and regions without login, nothing internal', async () => {
  const r = await h.app.inject({ method: 'GET', url: '/api/v1/public/case-catalog' });
  assert.equal(r.statusCode, 200);
  const body = r.json() as {
    categories: Record<string, unknown>[];
    regions: { code: string; name: string; kind: string; parentCode: string | null }[];
  };
  assert.ok(body.categories.some((c) => c.code === '010101' && c.name === '垃圾清运不及时'));
  assert.deepEqual(Object.keys(body.categories[0]!).sort(), ['code', 'name', 'nameEn', 'parentCode']);
  assert.ok(body.regions.some((x) => x.code === '330102' && x.kind === 'district'));
  assert.ok(body.regions.some((x) => x.code === '330102001' && x.parentCode === '330102'));
});

test('follow timeline entries carry the event kind; metrics by region are labelled with the district', async () => {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/public/cases',
    payload: { ...intake, caller: { phone: '13655557777' } },
  });
  const { number } = res.json() as { number: string };
  const f = await h.app.inject({
    method: 'GET',
    url: `/api/v1/public/cases/follow?number=${number}&phone=13655557777`,
  });
  assert.deepEqual(
    (f.json() as { timeline: { kind: string; step: string }[] }).timeline.map((t) => [t.kind, t.step]),
    [['registered', '已受理']],
  );
  const from = new Date(h.clock.now() - 86_400_000).toISOString();
  const to = new Date(h.clock.now() + 86_400_000).toISOString();
  const m = await leader.request('GET', `/api/v1/case-metrics?from=${from}&to=${to}&groupBy=region`);
  assert.equal(m.status, 200, JSON.stringify(m.json));
  const rows = (m.json as { rows: { key: string; label: string }[] }).rows;
  assert.deepEqual(
    rows.find((r) => r.key === '330102'),
    { ...rows.find((r) => r.key === '330102'), label: '东城区人民政府' },
  );
});
