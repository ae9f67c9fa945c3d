import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedCrmDemo } from '@hotline/crm';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';

let h: Harness;
let agent: Client;
let supervisor: Client;

before(async () => {
  h = await startHarness();
  await seedCrmDemo(h.store);
  agent = await login(h.app, 'agent1', 'hotline-agent');
  supervisor = await login(h.app, 'banzhang', 'hotline-super');
});
after(async () => h.close());

test('screen pop over HTTP by number and by account; customer CRUD and search', async () => {
  const pop = await agent.request('GET', `/api/v1/crm/screen-pop?number=${encodeURIComponent('+86 138 0013 8000')}`);
  assert.equal(pop.status, 200, JSON.stringify(pop.json));
  const p = pop.json as { customers: { name: string }[]; region: { label: string } };
  assert.equal(p.customers[0]?.name, '张伟');
  assert.equal(p.region.label, '北京市');
  assert.equal((await agent.request('GET', '/api/v1/crm/screen-pop?account=10010002')).status, 200);
  assert.equal((await agent.request('GET', '/api/v1/crm/screen-pop?account=nope')).status, 404);
  assert.equal((await agent.request('GET', '/api/v1/crm/screen-pop')).status, 400);
  const created = await agent.request('POST', '/api/v1/crm/customers', {
    kind: 'person',
    name: '周强',
    phones: [{ number: '13588889999' }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const id = (created.json as { customer: { id: string } }).customer.id;
  const found = await agent.request('GET', '/api/v1/crm/customers?q=13588889999');
  assert.equal((found.json as { customers: { id: string }[] }).customers[0]?.id, id);
  const bad = await agent.request('POST', '/api/v1/crm/customers', {
    kind: 'person',
    name: '坏',
    phones: [{ number: 'xyz' }],
  });
  assert.equal(bad.status, 400);
  const view = await agent.request('GET', `/api/v1/crm/customers/${id}`);
  assert.equal(view.status, 200);
  assert.equal((await agent.request('DELETE', `/api/v1/crm/customers/${id}`)).status, 403);
  assert.equal((await supervisor.request('DELETE', `/api/v1/crm/customers/${id}`)).status, 200);
});

test('import over HTTP: a bad file gets the report and changes nothing; agents may not import', async () => {
  const csv = '姓名,电话\n好人,13711110000\n,13711110001\n坏号,999\n';
  assert.equal((await agent.request('POST', '/api/v1/crm/import', { format: 'csv', data: csv })).status, 403);
  const r = await supervisor.request('POST', '/api/v1/crm/import', { format: 'csv', data: csv });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const rep = r.json as { ok: boolean; imported: number; problems: { row: number }[] };
  assert.equal(rep.ok, false);
  assert.equal(rep.imported, 0);
  assert.deepEqual([...new Set(rep.problems.map((p) => p.row))], [3, 4]);
  const none = await agent.request('GET', '/api/v1/crm/customers?q=13711110000');
  assert.deepEqual((none.json as { customers: unknown[] }).customers, []);
  const ok = await supervisor.request('POST', '/api/v1/crm/import', {
    format: 'csv',
    data: '姓名,电话\n好人,13711110000\n',
  });
  assert.equal((ok.json as { imported: number }).imported, 1);
});

test('lists over HTTP: add with reason, list, remove', async () => {
  const add = await supervisor.request('POST', '/api/v1/crm/lists', {
    list: 'white',
    number: '0571-87654321',
    reason: '区政府值班室',
  });
  assert.equal(add.status, 201, JSON.stringify(add.json));
  const id = (add.json as { entry: { id: string } }).entry.id;
  const list = await agent.request('GET', '/api/v1/crm/lists?list=white');
  assert.equal((list.json as { entries: unknown[] }).entries.length, 1);
  assert.equal((await supervisor.request('POST', `/api/v1/crm/lists/${id}/remove`, { reason: '撤销' })).status, 200);
});

test('accounts over HTTP: schemas, save by schema, history with the editor; customer view has list status', async () => {
  const schemas = await agent.request('GET', '/api/v1/crm/account-schemas');
  assert.equal(schemas.status, 200);
  const water = (schemas.json as { schemas: { id: string; fields: { key: string }[] }[] }).schemas.find(
    (s) => s.id === 'water',
  );
  assert.deepEqual(
    water?.fields.map((f) => f.key),
    ['address', 'meter', 'arrears', 'products', 'openedOn'],
  );
  const found = await agent.request('GET', `/api/v1/crm/customers?q=${encodeURIComponent('王芳')}`);
  const id = (found.json as { customers: { id: string }[] }).customers[0]!.id;
  const view = await agent.request('GET', `/api/v1/crm/customers/${id}`);
  const v = view.json as { accounts: { id: string; accountNumber: string; data: Record<string, unknown> }[] };
  const acc = v.accounts[0]!;
  const bad = await agent.request('PUT', `/api/v1/crm/customers/${id}/accounts`, {
    schemaId: 'water',
    accountNumber: acc.accountNumber,
    data: { ...acc.data, arrears: 'abc' },
  });
  assert.equal(bad.status, 400);
  const ok = await agent.request('PUT', `/api/v1/crm/customers/${id}/accounts`, {
    schemaId: 'water',
    accountNumber: acc.accountNumber,
    data: { ...acc.data, arrears: 0 },
    reason: '已缴清',
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  const hist = await agent.request('GET', `/api/v1/crm/accounts/${acc.id}/history`);
  const rows = (hist.json as { history: { reason: string | null; actorName: string | null }[] }).history;
  assert.equal(rows[0]?.reason, '已缴清');
  assert.equal(rows[0]?.actorName, '李娜');
  assert.equal(rows.length, 2);
  assert.equal((await agent.request('GET', `/api/v1/crm/accounts/${id}/history`)).status, 404);
  const other = await agent.request('PUT', `/api/v1/crm/customers/${id}/accounts`, {
    schemaId: 'water',
    accountNumber: '10010001',
    data: { address: 'x' },
  });
  assert.equal(other.status, 409);

  const kg = await agent.request('GET', `/api/v1/crm/customers?q=${encodeURIComponent('幼儿园')}`);
  const kgId = (kg.json as { customers: { id: string }[] }).customers[0]!.id;
  const kgView = await agent.request('GET', `/api/v1/crm/customers/${kgId}`);
  const lists = (kgView.json as { lists: { vip: { reason: string } | null; black: unknown }[] }).lists;
  assert.equal(lists[0]?.vip?.reason, '幼儿园，停水须优先处理');
  assert.equal(lists[0]?.black, null);
});
