import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type CommandInput, SwitchConfig } from '@hotline/contracts';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';
import { pushesSettled, telephonyServiceOf } from './telephony.ts';

let h: Harness;
let admin: Client;
let supervisor: Client;
let qa: Client;
let agent: Client;
/** Every `switch.configure` control sent (the switch itself is not running in this test). */
const pushed: SwitchConfig[] = [];

before(async () => {
  h = await startHarness();
  const service = telephonyServiceOf(h.app);
  service.client.command = async (body: CommandInput) => {
    if (body.type === 'switch.configure') pushed.push(SwitchConfig.parse(body.config));
    return { v: 1, id: 'r', ts: 0, type: 'reply', re: 'c', ok: true, result: {} } as never;
  };
  admin = await login(h.app, 'admin', 'hotline-admin');
  supervisor = await login(h.app, 'banzhang', 'hotline-super');
  qa = await login(h.app, 'qa', 'hotline-qa');
  agent = await login(h.app, 'agent1', 'hotline-agent');
});
after(async () => h?.close());

const lastPush = async () => {
  await pushesSettled(telephonyServiceOf(h.app));
  return pushed.at(-1)!;
};
const audit = (action: string) =>
  h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
const userId = async (username: string) =>
  (await h.store.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const E = '/api/v1/admin/telephony/extensions';
const T = '/api/v1/admin/telephony/trunks';
const D = '/api/v1/admin/telephony/dids';
const R = '/api/v1/admin/telephony/outbound-routes';

test('extensions: create, change, password never returned or audited, pushed to the switch, delete', async () => {
  const agent2 = await userId('agent2');
  const c = await admin.request('POST', E, {
    extension: '2001',
    password: 'Secret-2001-pw',
    displayName: '张伟',
    permission: 'local',
    userId: agent2,
  });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  assert.doesNotMatch(JSON.stringify(c.json), /Secret-2001-pw/);
  const ext = (c.json as { extension: Record<string, unknown> }).extension;
  assert.equal(ext.passwordSet, true);
  assert.equal(ext.userName, '张伟 (agent2)');
  let cfg = await lastPush();
  const pushedExt = cfg.extensions.find((e) => e.extension === '2001');
  assert.ok(pushedExt, 'the switch receives the new extension');
  assert.equal(pushedExt.permission, 'local');

  const stored = await h.store.db
    .withTables<{ sip_extensions: { extension: string; password: string; ha1_md5: string | null } }>()
    .selectFrom('sip_extensions')
    .selectAll()
    .where('extension', '=', '2001')
    .executeTakeFirstOrThrow();
  assert.equal(stored.password, '(ha1)', 'no clear password in the database');
  assert.equal(stored.ha1_md5, createHash('md5').update('2001:hotline:Secret-2001-pw').digest('hex'));
  assert.ok(cfg.extensions.find((e) => e.extension === '2001')!.ha1Md5, 'the switch gets the HA1');

  const created = await audit('telephony.extension.create');
  assert.equal(created.at(-1)!.target_id, '2001');
  assert.equal(created.at(-1)!.actor_name, 'admin');
  assert.doesNotMatch(JSON.stringify(created.at(-1)), /Secret-2001-pw/);

  const p = await admin.request('PATCH', `${E}/2001`, { permission: 'national', password: 'Another-pw-2001' });
  assert.equal(p.status, 200, JSON.stringify(p.json));
  const upd = (await audit('telephony.extension.update')).at(-1)!;
  assert.equal((upd.before as { permission: string }).permission, 'local');
  assert.equal((upd.after as { permission: string }).permission, 'national');
  assert.deepEqual(upd.details, { passwordChanged: true });
  assert.doesNotMatch(JSON.stringify(upd), /Another-pw-2001|Secret-2001-pw/);
  cfg = await lastPush();
  assert.equal(cfg.extensions.find((e) => e.extension === '2001')!.permission, 'national');

  const list = await admin.request('GET', E);
  assert.doesNotMatch(JSON.stringify(list.json), /Another-pw-2001/);
  assert.ok((list.json as { extensions: { extension: string }[] }).extensions.some((e) => e.extension === '2001'));

  const d = await admin.request('DELETE', `${E}/2001`);
  assert.equal(d.status, 200);
  assert.equal((await audit('telephony.extension.delete')).at(-1)!.target_id, '2001');
  cfg = await lastPush();
  assert.ok(!cfg.extensions.some((e) => e.extension === '2001'));
  assert.equal((await admin.request('DELETE', `${E}/2001`)).status, 404);
});

test('extensions: validation errors are clear', async () => {
  const ok = { extension: '2002', password: 'Good-password-1' };
  assert.equal((await admin.request('POST', E, ok)).status, 201);
  const agent3 = await userId('agent3');
  assert.equal((await admin.request('PATCH', `${E}/2002`, { userId: agent3 })).status, 200);
  const cases: [unknown, number, RegExp][] = [
    [ok, 409, /extension 2002 exists/],
    [{ ...ok, extension: '2a' }, 400, /body\.extension: extension: 2–8 digits/],
    [{ ...ok, extension: '2003', password: 'short' }, 400, /body\.password: at least 8 characters/],
    [{ ...ok, extension: '2003', password: 'has space 123' }, 400, /printable ASCII without spaces/],
    [{ ...ok, extension: '2003', permission: 'galactic' }, 400, /body\.permission/],
    [{ ...ok, extension: '2003', userId: '00000000-0000-4000-8000-000000000000' }, 400, /no such user/],
    [{ ...ok, extension: '2003', userId: agent3 }, 409, /already has extension 2002/],
    [{ ...ok, extension: '2003', extra: 1 }, 400, /extra|unrecognized/i],
  ];
  for (const [body, status, msg] of cases) {
    const r = await admin.request('POST', E, body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.match(JSON.stringify(r.json), msg);
  }
  assert.equal((await admin.request('PATCH', `${E}/2002`, {})).status, 400);
  assert.equal((await admin.request('PATCH', `${E}/9999`, { displayName: 'x' })).status, 404);
});

test('trunks: credentials shown only as set, allow-list and registration rules, refused delete while routed', async () => {
  const body = {
    id: 'carrier-b',
    name: '电信中继',
    host: 'sip.carrier.example',
    port: 5060,
    transport: 'udp',
    allowFrom: ['198.51.100.10', '198.51.100.11:5060'],
    username: 'hotline',
    password: 'Carrier-secret-1',
    callerId: '057112319',
    areaCode: '571',
    maxCalls: 120,
  };
  const c = await admin.request('POST', T, body);
  assert.equal(c.status, 201, JSON.stringify(c.json));
  assert.doesNotMatch(JSON.stringify(c.json), /Carrier-secret-1/);
  const t = (c.json as { trunk: Record<string, unknown> }).trunk;
  assert.equal(t.passwordSet, true);
  assert.equal(t.inboundPasswordSet, false);
  let cfg = await lastPush();
  const pt = cfg.trunks.find((x) => x.id === 'carrier-b')!;
  assert.deepEqual(pt.allowFrom, body.allowFrom);
  assert.equal(pt.maxCalls, 120);
  assert.doesNotMatch(JSON.stringify(await audit('telephony.trunk.create')), /Carrier-secret-1/);
  // Decision 0309: encrypted in the database, opened only for the push (the switch needs it clear).
  const storedPassword = async () =>
    (
      await h.store.db
        .withTables<{ sip_trunks: { id: string; password: string | null } }>()
        .selectFrom('sip_trunks')
        .select('password')
        .where('id', '=', 'carrier-b')
        .executeTakeFirstOrThrow()
    ).password;
  const sealed = await storedPassword();
  assert.match(sealed ?? '', /^v1:[^:]+:[^:]+:[^:]+$/);
  assert.doesNotMatch(sealed ?? '', /Carrier-secret-1/);
  assert.equal(pt.password, 'Carrier-secret-1');
  assert.equal(pt.username, 'hotline');
  const changed = await admin.request('PATCH', `${T}/carrier-b`, { password: 'Carrier-secret-2' });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
  assert.doesNotMatch(JSON.stringify(changed.json), /Carrier-secret-2/);
  assert.notEqual(await storedPassword(), sealed);
  assert.equal((await lastPush()).trunks.find((x) => x.id === 'carrier-b')!.password, 'Carrier-secret-2');
  assert.deepEqual((await audit('telephony.trunk.update')).at(-1)!.details, {
    inboundPasswordChanged: false,
    passwordChanged: true,
  });
  const list = await admin.request('GET', T);
  assert.doesNotMatch(JSON.stringify(list.json), /Carrier-secret|v1:/);

  const bad: [unknown, RegExp][] = [
    [{ ...body, id: 'x1', allowFrom: ['10.0.0.0/8'] }, /ranges are not supported/],
    [{ ...body, id: 'x1', allowFrom: ['999.1.1.1'] }, /allowFrom\.0/],
    [{ ...body, id: 'x1', allowFrom: [], inboundUser: null }, /allowFrom: list the carrier addresses/],
    [{ ...body, id: 'x1', inboundUser: 'carrier' }, /set both \(registration\) or neither/],
    [{ ...body, id: 'x1', username: null }, /username: required with an outbound password/],
    [{ ...body, id: 'x1', port: 70000 }, /body\.port/],
    [{ ...body, id: 'x1', transport: 'tls' }, /body\.transport/],
    [{ ...body, id: 'x1', areaCode: '0571' }, /without the leading 0/],
    [{ ...body, id: 'x1', callerId: 'abc' }, /body\.callerId/],
    [{ ...body, id: 'x1', maxCalls: 0 }, /body\.maxCalls/],
    [{ ...body, id: 'X 1' }, /body\.id/],
    [{ ...body, id: 'x1', host: 'bad host!' }, /host name or IP address/],
  ];
  for (const [b, msg] of bad) {
    const r = await admin.request('POST', T, b);
    assert.equal(r.status, 400, JSON.stringify(b));
    assert.match(JSON.stringify(r.json), msg);
  }
  assert.equal((await admin.request('POST', T, body)).status, 409);

  // Inbound by registration instead of the allow-list; clear the outbound password.
  const p = await admin.request('PATCH', `${T}/carrier-b`, {
    allowFrom: [],
    inboundUser: 'carrier-b-in',
    inboundPassword: 'Inbound-secret-1',
    password: null,
    username: null,
  });
  assert.equal(p.status, 200, JSON.stringify(p.json));
  const pv = (p.json as { trunk: Record<string, unknown> }).trunk;
  assert.deepEqual([pv.inboundPasswordSet, pv.passwordSet], [true, false]);
  const upd = (await audit('telephony.trunk.update')).at(-1)!;
  assert.deepEqual((upd.before as { allowFrom: string[] }).allowFrom, body.allowFrom);
  assert.deepEqual(upd.details, { inboundPasswordChanged: true, passwordChanged: true });
  assert.doesNotMatch(JSON.stringify(upd), /secret/i);
  cfg = await lastPush();
  assert.equal(cfg.trunks.find((x) => x.id === 'carrier-b')!.inboundUser, 'carrier-b-in');
  // The inbound HA1 includes the user name: renaming needs the password again.
  const rename = await admin.request('PATCH', `${T}/carrier-b`, { inboundUser: 'carrier-b-new' });
  assert.equal(rename.status, 400);
  assert.match(JSON.stringify(rename.json), /inboundPassword: required when inboundUser changes/);
  // Dropping the registration while the allow-list is empty would leave no way in.
  const none = await admin.request('PATCH', `${T}/carrier-b`, { inboundUser: null, inboundPassword: null });
  assert.equal(none.status, 400);

  const route = await admin.request('POST', R, { pattern: '^00', trunkId: 'carrier-b' });
  assert.equal(route.status, 201, JSON.stringify(route.json));
  const refused = await admin.request('DELETE', `${T}/carrier-b`);
  assert.equal(refused.status, 409);
  assert.match(JSON.stringify(refused.json), /used by 1 outbound route/);
  const rid = (route.json as { route: { id: number } }).route.id;
  assert.equal((await admin.request('DELETE', `${R}/${rid}`)).status, 200);
  assert.equal((await admin.request('DELETE', `${T}/carrier-b`)).status, 200);
  assert.ok(!(await lastPush()).trunks.some((x) => x.id === 'carrier-b'));
});

test('DIDs: targets must exist; record on/off; an extension rung by a DID cannot be deleted', async () => {
  await admin.request('POST', E, { extension: '3001', password: 'Good-password-3' });
  await admin.request('POST', E, { extension: '3002', password: 'Good-password-4' });
  const bad = await admin.request('POST', D, { did: '12319', target: { type: 'group', extensions: ['3001', '3999'] } });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.json), /no extension 3999/);
  const badDid = await admin.request('POST', D, { did: '12-319', target: { type: 'control' } });
  assert.match(JSON.stringify(badDid.json), /body\.did/);
  const c = await admin.request('POST', D, {
    did: '12319',
    target: { type: 'group', extensions: ['3001', '3002'] },
    record: false,
  });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  let cfg = await lastPush();
  assert.deepEqual(
    cfg.dids.find((d) => d.did === '12319'),
    {
      did: '12319',
      target: { type: 'group', extensions: ['3001', '3002'] },
      record: false,
    },
  );
  const del = await admin.request('DELETE', `${E}/3002`);
  assert.equal(del.status, 409);
  assert.match(JSON.stringify(del.json), /target of DID 12319/);

  const p = await admin.request('PATCH', `${D}/12319`, { target: { type: 'control', flow: 'main' }, record: true });
  assert.equal(p.status, 200, JSON.stringify(p.json));
  const upd = (await audit('telephony.did.update')).at(-1)!;
  assert.deepEqual((upd.before as { target: unknown }).target, { type: 'group', extensions: ['3001', '3002'] });
  assert.deepEqual((upd.after as { target: unknown }).target, { type: 'control', flow: 'main' });
  cfg = await lastPush();
  assert.deepEqual(cfg.dids.find((d) => d.did === '12319')!.target, { type: 'control', flow: 'main' });
  assert.equal((await admin.request('DELETE', `${E}/3002`)).status, 200);
  assert.equal((await admin.request('DELETE', `${D}/12319`)).status, 200);
  assert.equal((await audit('telephony.did.delete')).at(-1)!.target_id, '12319');
});

test('outbound routes: valid patterns only, existing trunks, appended in order, reordered', async () => {
  await admin.request('POST', T, { id: 'carrier-c', host: '203.0.113.5', allowFrom: ['203.0.113.5'] });
  const bad = await admin.request('POST', R, { pattern: '^(1[3-9]', trunkId: 'carrier-c' });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.json), /not a valid regular expression/);
  const noTrunk = await admin.request('POST', R, { pattern: '^1', trunkId: 'nope' });
  assert.match(JSON.stringify(noTrunk.json), /no trunk nope/);
  const a = await admin.request('POST', R, { pattern: '^1[3-9]', trunkId: 'carrier-c' });
  const b = await admin.request('POST', R, { pattern: '^0', trunkId: 'carrier-c' });
  const ra = (a.json as { route: { id: number; position: number } }).route;
  const rb = (b.json as { route: { id: number; position: number } }).route;
  assert.equal(rb.position, ra.position + 1);
  assert.deepEqual(
    (await lastPush()).outbound.map((o) => o.pattern),
    ['^1[3-9]', '^0'],
  );
  const p = await admin.request('PATCH', `${R}/${rb.id}`, { position: 0 });
  assert.equal(p.status, 200);
  assert.equal((await admin.request('PATCH', `${R}/${ra.id}`, { position: 1 })).status, 200);
  assert.deepEqual(
    (await lastPush()).outbound.map((o) => o.pattern),
    ['^0', '^1[3-9]'],
  );
  const list = (await admin.request('GET', R)).json as { routes: { pattern: string }[] };
  assert.deepEqual(
    list.routes.map((r) => r.pattern),
    ['^0', '^1[3-9]'],
  );
  const upd = (await audit('telephony.route.update')).at(-1)!;
  assert.deepEqual(
    [(upd.before as { position: number }).position, (upd.after as { position: number }).position],
    [ra.position, 1],
  );
});

test('only admins reach the switch configuration', async () => {
  for (const c of [supervisor, qa, agent]) {
    for (const url of [E, T, D, R]) assert.equal((await c.request('GET', url)).status, 403, url);
    assert.equal((await c.request('POST', E, { extension: '4001', password: 'Good-password-5' })).status, 403);
    assert.equal((await c.request('DELETE', `${T}/carrier-c`)).status, 403);
  }
  const anon = await h.app.inject({ method: 'GET', url: E });
  assert.equal(anon.statusCode, 401);
  // Writes need the CSRF header of the session.
  const noCsrf = await h.app.inject({
    method: 'POST',
    url: E,
    headers: { cookie: admin.cookie },
    payload: { extension: '4001', password: 'Good-password-5' },
  });
  assert.equal(noCsrf.statusCode, 403);
});
