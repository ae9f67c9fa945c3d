import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import { StaticCredentialStore } from '../auth/credential-store.ts';
import { DigestClient } from '../auth/digest-client.ts';
import { DigestServer } from '../auth/digest-server.ts';
import { Guard } from '../defence/guard.ts';
import { getHeader, getHeaders } from '../message/headers.ts';
import { parseMessage } from '../message/parse-message.ts';
import type { SipResponse } from '../message/sip-message.ts';
import { SipEndpoint } from '../transaction/sip-endpoint.ts';
import { MemoryTransport } from '../transport/memory-transport.ts';
import { type Binding, type BindingStore, JsonFileBindingStore, MemoryBindingStore } from './binding-store.ts';
import { Qualifier } from './qualifier.ts';
import { Registrar } from './registrar.ts';

const PHONE = { protocol: 'udp' as const, host: '10.1.1.5', port: 5062 };
let seq = 0;

function setup(store: BindingStore = new MemoryBindingStore(), guard?: Guard, s = new FakeScheduler(0)) {
  const t = new MemoryTransport({ host: '127.0.0.1', port: 5060 });
  const ep = new SipEndpoint({
    transports: [t],
    scheduler: s,
    ...(guard ? { admit: (a, m) => guard.admit(a, m) } : {}),
  });
  const digest = new DigestServer({
    realm: 'hotline',
    credentials: new StaticCredentialStore({ '1001': 'secret', '1002': 'pw2' }),
    clock: s,
    nonceTtlMs: 60_000,
  });
  const reg = new Registrar({
    digest,
    store,
    scheduler: s,
    ...(guard ? { isUserLocked: (u: string) => guard.isBanned('user', u) } : {}),
  });
  if (guard) reg.authFailed.on((f) => guard.recordAuthFailure(f.source, f.user));
  ep.request.on((inc) => void reg.handle(inc));
  return { s, t, ep, reg };
}

function register(opts: {
  user?: string;
  contact?: string;
  expires?: number | null;
  auth?: string;
  callId?: string;
  cseq?: number;
  ua?: string;
}) {
  const user = opts.user ?? '1001';
  return (
    `REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.1.1.5:5062;branch=z9hG4bK${++seq};rport\r\n` +
    `From: <sip:${user}@127.0.0.1>;tag=f${seq}\r\nTo: <sip:${user}@127.0.0.1>\r\nCall-ID: ${opts.callId ?? 'reg1'}\r\n` +
    `CSeq: ${opts.cseq ?? seq} REGISTER\r\nContact: ${opts.contact ?? `<sip:${user}@10.1.1.5:5062>`}\r\n` +
    (opts.expires === null ? '' : `Expires: ${opts.expires ?? 600}\r\n`) +
    (opts.auth ? `Authorization: ${opts.auth}\r\n` : '') +
    (opts.ua ? `User-Agent: ${opts.ua}\r\n` : '') +
    'Content-Length: 0\r\n\r\n'
  );
}

const tick = () => new Promise((r) => setImmediate(r));
async function send(t: MemoryTransport, text: string, src = PHONE): Promise<SipResponse | null> {
  const before = t.sent.length;
  t.inject(text, src);
  await tick();
  const last = t.sent.at(-1);
  return t.sent.length > before && last ? (parseMessage(last.data) as SipResponse) : null;
}

/** REGISTER → 401 → REGISTER with Authorization, as a phone does. */
async function registerWithAuth(
  t: MemoryTransport,
  o: Parameters<typeof register>[0] & { password?: string },
  src = PHONE,
) {
  const ch = await send(t, register(o), src);
  assert.equal(ch?.status, 401);
  const client = new DigestClient({ username: o.user ?? '1001', password: o.password ?? 'secret' });
  const auth = client.authorize(getHeaders(ch!, 'WWW-Authenticate'), 'REGISTER', 'sip:127.0.0.1')!;
  return send(t, register({ ...o, auth }), src);
}

test('digest REGISTER creates a binding; 200 lists contacts with expires; lookup by AOR and user', async () => {
  const { t, reg } = setup();
  await reg.start();
  const events: string[] = [];
  reg.registered.on((b) => events.push(b.contact));
  const ok = await registerWithAuth(t, {});
  assert.equal(ok?.status, 200);
  assert.match(getHeader(ok!, 'Contact') ?? '', /<sip:1001@10\.1\.1\.5:5062>;expires=600/);
  assert.deepEqual(events, ['sip:1001@10.1.1.5:5062']);
  assert.equal(reg.lookup('sip:1001@127.0.0.1').length, 1);
  assert.equal(reg.lookup('1001')[0]?.source.host, '10.1.1.5');
  await reg.stop();
});

test('several contacts per AOR, Expires: 0 removes one, * removes all, expiry removes the rest', async () => {
  const { s, t, reg } = setup();
  await reg.start();
  const gone: string[] = [];
  reg.unregistered.on((b, why) => gone.push(`${b.contact}:${why}`));
  await registerWithAuth(t, { contact: '<sip:1001@10.1.1.5:5062>', callId: 'a' });
  await registerWithAuth(t, { contact: '<sip:1001@10.1.1.6:5070>;expires=60', callId: 'b' });
  await registerWithAuth(t, { contact: '<sip:1001@10.1.1.7:5070>;q=0.9', callId: 'c' });
  assert.equal(reg.lookup('1001').length, 3);
  await registerWithAuth(t, { contact: '<sip:1001@10.1.1.7:5070>', expires: 0, callId: 'c' });
  assert.equal(reg.lookup('1001').length, 2);
  s.advance(61_000);
  assert.deepEqual(
    reg.lookup('1001').map((b) => b.contact),
    ['sip:1001@10.1.1.5:5062'],
  );
  const bad = await registerWithAuth(t, { contact: '*', expires: 600, callId: 'z' });
  assert.equal(bad?.status, 400);
  const all = await registerWithAuth(t, { contact: '*', expires: 0, callId: 'z' });
  assert.equal(all?.status, 200);
  assert.equal(reg.lookup('1001').length, 0);
  assert.deepEqual(gone, [
    'sip:1001@10.1.1.7:5070:removed',
    'sip:1001@10.1.1.6:5070:expired',
    'sip:1001@10.1.1.5:5062:removed',
  ]);
  await reg.stop();
});

test('unknown user and wrong password get the same 401; other AOR is 403; short expiry is 423', async () => {
  const { t, reg } = setup();
  await reg.start();
  const ch = await send(t, register({}));
  const chal = getHeaders(ch!, 'WWW-Authenticate');
  const wrong = await send(
    t,
    register({
      auth: new DigestClient({ username: '1001', password: 'bad' }).authorize(chal, 'REGISTER', 'sip:127.0.0.1')!,
    }),
  );
  const ghost = await send(
    t,
    register({
      user: '7777',
      auth: new DigestClient({ username: '7777', password: 'x' }).authorize(chal, 'REGISTER', 'sip:127.0.0.1')!,
    }),
  );
  assert.equal(wrong?.status, 401);
  assert.equal(ghost?.status, 401);
  assert.equal(wrong?.reason, ghost?.reason);
  const shape = (r: SipResponse) => getHeaders(r, 'WWW-Authenticate').map((h) => h.replace(/nonce="[^"]+"/, 'nonce=N'));
  assert.deepEqual(shape(wrong!), shape(ghost!));
  assert.deepEqual(
    wrong!.headers.map((h) => h.name),
    ghost!.headers.map((h) => h.name),
  );
  const other = await send(
    t,
    register({
      user: '1002',
      auth: new DigestClient({ username: '1001', password: 'secret' }).authorize(chal, 'REGISTER', 'sip:127.0.0.1')!,
    }),
  );
  assert.equal(other?.status, 403);
  const brief = await registerWithAuth(t, { expires: 5 });
  assert.equal(brief?.status, 423);
  assert.equal(getHeader(brief!, 'Min-Expires'), '30');
  await reg.stop();
});

test('same Call-ID with a lower CSeq is refused (§10.3 step 7)', async () => {
  const { t, reg } = setup();
  await reg.start();
  assert.equal((await registerWithAuth(t, { callId: 'x', cseq: 10 }))?.status, 200);
  assert.equal((await registerWithAuth(t, { callId: 'x', cseq: 9 }))?.status, 500);
  await reg.stop();
});

test('guard: repeated failures ban the IP (then silence), the ban lifts after its time', async () => {
  const s = new FakeScheduler(0);
  const guard = new Guard({ clock: s, maxFailuresPerIp: 3, banMs: 10_000 });
  const bans: string[] = [];
  guard.banned.on((b) => bans.push(`${b.kind}:${b.key}:${b.reason}`));
  guard.unbanned.on((b) => bans.push(`lifted ${b.key}`));
  const { t, reg } = setup(new MemoryBindingStore(), guard, s);
  await reg.start();
  for (let i = 0; i < 3; i++) assert.equal((await registerWithAuth(t, { password: 'nope' }))?.status, 401);
  assert.deepEqual(bans, ['ip:10.1.1.5:auth-failures']);
  assert.equal(await send(t, register({})), null); // dropped silently
  assert.equal(guard.bans()[0]?.until, 10_000 + guard.bans()[0]!.since);
  s.advance(10_001);
  assert.equal((await registerWithAuth(t, {}))?.status, 200);
  assert.deepEqual(bans, ['ip:10.1.1.5:auth-failures', 'lifted 10.1.1.5']);
  await reg.stop();
});

test('guard: a locked user is refused from new addresses but keeps refreshing where it is bound', async () => {
  const s = new FakeScheduler(0);
  const guard = new Guard({ clock: s, maxFailuresPerIp: 100, maxFailuresPerUser: 3, banMs: 60_000 });
  const { t, reg } = setup(new MemoryBindingStore(), guard, s);
  await reg.start();
  assert.equal((await registerWithAuth(t, { callId: 'home' }))?.status, 200);
  const attacker = { ...PHONE, host: '9.9.9.9' };
  for (let i = 0; i < 3; i++) assert.equal((await registerWithAuth(t, { password: 'guess' }, attacker))?.status, 401);
  assert.equal(guard.isBanned('user', '1001'), true);
  // Even the right password from the attacker's address gets the plain 401 now.
  assert.equal((await registerWithAuth(t, {}, attacker))?.status, 401);
  assert.equal((await registerWithAuth(t, { callId: 'home' }))?.status, 200);
  await reg.stop();
});

test('guard: scanner User-Agent is dropped and banned; rate limit drops a flood', async () => {
  const s = new FakeScheduler(0);
  const guard = new Guard({ clock: s, ratePerSecond: 5, rateBurst: 5 });
  const { t, reg } = setup(new MemoryBindingStore(), guard, s);
  await reg.start();
  assert.equal(await send(t, register({ ua: 'friendly-scanner' }), { ...PHONE, host: '6.6.6.6' }), null);
  assert.equal(guard.bans()[0]?.reason, 'scanner');
  const src = { ...PHONE, host: '7.7.7.7' };
  let answered = 0;
  for (let i = 0; i < 20; i++) if (await send(t, register({}), src)) answered++;
  assert.equal(answered, 5);
  await reg.stop();
});

test('JSON file store: bindings survive a restart, expired ones are dropped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sip-bind-'));
  try {
    const path = join(dir, 'bindings.json');
    const s = new FakeScheduler(0);
    const a = setup(new JsonFileBindingStore(path), undefined, s);
    await a.reg.start();
    await registerWithAuth(a.t, { contact: '<sip:1001@10.1.1.5:5062>', callId: 'p1', expires: 600 });
    await registerWithAuth(a.t, { contact: '<sip:1001@10.1.1.9:5062>', callId: 'p2', expires: 60 });
    await a.reg.stop();
    s.advance(120_000);
    const b = setup(new JsonFileBindingStore(path), undefined, s);
    await b.reg.start();
    assert.deepEqual(
      b.reg.lookup('1001').map((x: Binding) => x.contact),
      ['sip:1001@10.1.1.5:5062'],
    );
    await b.reg.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('qualifier: OPTIONS answered → reachable with RTT; silence → unreachable after Timer F', () => {
  const s = new FakeScheduler(0);
  const t = new MemoryTransport({ host: '127.0.0.1', port: 5060 });
  const ep = new SipEndpoint({ transports: [t], scheduler: s });
  const b = (host: string): Binding => ({
    aor: 'sip:1001@h',
    contact: `sip:1001@${host}:5062`,
    expiresAt: 1e12,
    callId: 'c',
    cseq: 1,
    q: null,
    source: { protocol: 'udp', host, port: 5062 },
    userAgent: null,
    registeredAt: 0,
  });
  const q = new Qualifier({ endpoint: ep, bindings: () => [b('10.0.0.1'), b('10.0.0.2')], fromUri: 'sip:reg@h' });
  const results: string[] = [];
  q.result.on((r) => results.push(`${r.contact}:${r.reachable}:${r.rttMs}:${r.changed}`));
  q.qualifyAll();
  s.advance(40);
  const opt = parseMessage(t.sent[0]!.data);
  assert.equal(opt.kind, 'request');
  const res = `SIP/2.0 200 OK\r\n${(opt as { headers: { name: string; value: string }[] }).headers
    .filter((h) => ['Via', 'From', 'To', 'Call-ID', 'CSeq'].includes(h.name))
    .map((h) => `${h.name}: ${h.value}`)
    .join('\r\n')}\r\nContent-Length: 0\r\n\r\n`;
  t.inject(res, { protocol: 'udp', host: '10.0.0.1', port: 5062 });
  s.advance(32_000);
  assert.deepEqual(results, ['sip:1001@10.0.0.1:5062:true:40:true', 'sip:1001@10.0.0.2:5062:false:null:true']);
});
