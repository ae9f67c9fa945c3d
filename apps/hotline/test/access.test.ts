/**
 * Walks the whole route table: every non-public route rejects an anonymous caller with 401, and
 * every role-restricted route rejects a logged-in caller holding none of its roles with 403 —
 * before validation or any side effect.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROLES, type Role } from '@hotline/contracts';
import { type Client, type Harness, login, startHarness } from './harness.ts';

let h: Harness;
const clients = new Map<Role, Client>();
const ROLE_USER: Record<Role, [string, string]> = {
  admin: ['admin', 'hotline-admin'],
  supervisor: ['banzhang', 'hotline-super'],
  agent: ['agent1', 'hotline-agent'],
  qa: ['qa', 'hotline-qa'],
  department: ['water', 'hotline-dept'],
  leader: ['leader', 'hotline-leader'],
};

before(async () => {
  h = await startHarness();
  for (const role of ROLES) clients.set(role, await login(h.app, ...ROLE_USER[role]));
});
after(async () => h.close());

const concrete = (url: string) =>
  url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    /id$/i.test(name) ? '00000000-0000-4000-8000-000000000000' : 'x',
  );

test('the route table is not empty and every route declares its access', () => {
  assert.ok(h.table.length >= 10, `only ${h.table.length} routes`);
  for (const r of h.table) assert.ok(r.access, `${r.method} ${r.url} has no access rule`);
});

test('every non-public route rejects anonymous callers with 401', async () => {
  for (const r of h.table.filter((x) => x.access !== 'public')) {
    const res = await h.app.inject({
      method: r.method,
      url: concrete(r.url),
      payload: r.method === 'GET' ? undefined : {},
    });
    assert.equal(res.statusCode, 401, `${r.method} ${r.url} answered ${res.statusCode} to an anonymous caller`);
    assert.equal(res.json().error.code, 'unauthenticated');
  }
});

test('every role-restricted route rejects each role it does not list with 403', async () => {
  let checked = 0;
  for (const r of h.table) {
    if (r.access === 'public' || r.access === 'authenticated') continue;
    for (const role of ROLES.filter((x) => !(r.access as readonly Role[]).includes(x))) {
      const res = await clients.get(role)!.request(r.method, concrete(r.url), r.method === 'GET' ? undefined : {});
      assert.equal(res.status, 403, `${r.method} ${r.url} answered ${res.status} to role ${role}`);
      checked++;
    }
  }
  assert.ok(checked > 20, `only ${checked} wrong-role checks`);
});

test('a cookie-authenticated write without the CSRF header is refused', async () => {
  const admin = clients.get('admin')!;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/departments',
    headers: { cookie: admin.cookie },
    payload: { code: 'NEWDEPT', name: '新部门', kind: 'unit' },
  });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().error.code, 'csrf_failed');
  const list = await admin.request('GET', '/api/v1/departments');
  assert.ok(!(list.json as { departments: { code: string }[] }).departments.some((d) => d.code === 'NEWDEPT'));
});

test('OpenAPI lists every route with its schemas', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  for (const r of h.table) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    assert.ok(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url} missing from OpenAPI`);
  }
  assert.ok(doc.paths['/api/v1/users']?.post?.requestBody);
});
