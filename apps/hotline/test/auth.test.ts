import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, login, startHarness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h.close());

const tryLogin = (username: string, password: string, ip = '10.0.0.1') =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

test('login sets an HttpOnly SameSite cookie and /me returns the user', async () => {
  const res = await tryLogin('agent1', 'hotline-agent');
  assert.equal(res.statusCode, 200);
  const raw = String(res.headers['set-cookie']);
  assert.match(raw, /HttpOnly/i);
  assert.match(raw, /SameSite=Strict/i);
  const c = await login(h.app, 'agent1', 'hotline-agent');
  const me = await c.request('GET', '/api/v1/auth/me');
  assert.equal(me.status, 200);
  assert.equal((me.json as { user: { username: string } }).user.username, 'agent1');
});

test('unknown user and wrong password get the same answer', async () => {
  const a = await tryLogin('nobody', 'whatever-pass', '10.0.0.2');
  const b = await tryLogin('agent2', 'wrong-password', '10.0.0.3');
  assert.equal(a.statusCode, 401);
  assert.equal(b.statusCode, 401);
  assert.deepEqual(a.json(), b.json());
});

test('repeated failures lock the account for a while, then it opens again', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await tryLogin('agent3', 'bad-password', '10.0.1.1')).statusCode, 401);
  const locked = await tryLogin('agent3', 'hotline-agent', '10.0.1.2');
  assert.equal(locked.statusCode, 429);
  assert.equal(locked.json().error.code, 'locked_out');
  assert.ok(Number(locked.headers['retry-after']) > 0);
  h.clock.advance(16 * 60_000);
  assert.equal((await tryLogin('agent3', 'hotline-agent', '10.0.1.2')).statusCode, 200);
  const audit = await h.store.db.selectFrom('audit_log').select('action').where('actor_name', '=', 'agent3').execute();
  assert.ok(audit.filter((a) => a.action === 'auth.login.failed').length >= 5);
  assert.ok(audit.some((a) => a.action === 'auth.login.locked'));
});

test('logout ends the session', async () => {
  const c = await login(h.app, 'qa', 'hotline-qa');
  assert.equal((await c.request('POST', '/api/v1/auth/logout')).status, 200);
  assert.equal((await c.request('GET', '/api/v1/auth/me')).status, 401);
});

test('API tokens authenticate without CSRF, can be revoked, and are stored hashed', async () => {
  const admin = await login(h.app, 'admin', 'hotline-admin');
  const created = await admin.request('POST', '/api/v1/tokens', { name: 'integration' });
  assert.equal(created.status, 201);
  const { token, id } = created.json as { token: string; id: string };
  const row = await h.store.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.notEqual(row.token_hash, token);
  const bearer = { authorization: `Bearer ${token}` };
  const dept = await h.app.inject({
    method: 'POST',
    url: '/api/v1/departments',
    headers: bearer,
    payload: { code: 'TOKDEPT', name: '令牌部门', kind: 'unit' },
  });
  assert.equal(dept.statusCode, 201);
  assert.equal((await admin.request('DELETE', `/api/v1/tokens/${id}`)).status, 200);
  const after = await h.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
  assert.equal(after.statusCode, 401);
});

test('bad input gets a clear error and changes nothing', async () => {
  const admin = await login(h.app, 'admin', 'hotline-admin');
  const before = await h.store.db.selectFrom('users').select('id').execute();
  const res = await admin.request('POST', '/api/v1/users', {
    username: 'X Y',
    displayName: '',
    password: 'short',
    roles: ['wizard'],
  });
  assert.equal(res.status, 400);
  const err = (res.json as { error: { code: string; message: string } }).error;
  assert.equal(err.code, 'validation_failed');
  assert.match(err.message, /body\.username/);
  assert.match(err.message, /body\.password: at least 10 characters/);
  assert.match(err.message, /body\.roles\.0/);
  const deptUser = await admin.request('POST', '/api/v1/users', {
    username: 'deptless',
    displayName: '无部门',
    password: 'long-enough-pw',
    roles: ['department'],
  });
  assert.equal(deptUser.status, 400);
  assert.equal((await h.store.db.selectFrom('users').select('id').execute()).length, before.length);
});

test('admin creates and deactivates a user; both are in the audit log with before/after', async () => {
  const admin = await login(h.app, 'admin', 'hotline-admin');
  const res = await admin.request('POST', '/api/v1/users', {
    username: 'agent9',
    displayName: '新座席',
    password: 'new-agent-pass',
    roles: ['agent'],
  });
  assert.equal(res.status, 201);
  const { id } = res.json as { id: string };
  const c = await login(h.app, 'agent9', 'new-agent-pass');
  assert.equal((await admin.request('PATCH', `/api/v1/users/${id}`, { active: false })).status, 200);
  assert.equal((await c.request('GET', '/api/v1/auth/me')).status, 401);
  const audit = await admin.request('GET', `/api/v1/audit?targetType=user&targetId=${id}`);
  const rows = (
    audit.json as { rows: { action: string; before: { active?: boolean } | null; after: { active?: boolean } }[] }
  ).rows;
  assert.deepEqual(
    rows.map((r) => r.action),
    ['user.update', 'user.create'],
  );
  assert.equal(rows[0]?.before?.active, true);
  assert.equal(rows[0]?.after.active, false);
  assert.ok(!JSON.stringify(rows).includes('scrypt$'), 'password hashes must not reach the audit log');
});

test('passwords are stored as scrypt hashes', async () => {
  const u = await h.store.db
    .selectFrom('users')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  assert.match(u.password_hash, /^scrypt\$32768\$8\$1\$/);
});

test('errors never leak internals; unknown API routes are 404 in the envelope', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/api/v1/nope' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().error.code, 'not_found');
  const bad = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: '{not json',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'bad_request');
});
