import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import { StaticCredentialStore } from './credential-store.ts';
import { computeHa1, digestResponse, parseAuthHeader } from './digest.ts';
import { DigestClient } from './digest-client.ts';
import { DigestServer } from './digest-server.ts';

test('RFC 7616 §3.9.1 example: MD5 and SHA-256 responses', () => {
  const base = {
    method: 'GET',
    uri: '/dir/index.html',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    qop: 'auth' as const,
    nc: '00000001',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  };
  const md5 = digestResponse({
    ...base,
    algorithm: 'MD5',
    ha1: computeHa1('MD5', 'Mufasa', 'http-auth@example.org', 'Circle of Life'),
  });
  assert.equal(md5, '8ca523f5e9506fed4657c9700eebdbec');
  const sha = digestResponse({
    ...base,
    algorithm: 'SHA-256',
    ha1: computeHa1('SHA-256', 'Mufasa', 'http-auth@example.org', 'Circle of Life'),
  });
  assert.equal(sha, '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
});

test('auth header parsing: quoted escapes, tokens, malformed', () => {
  const h = parseAuthHeader('Digest username="a\\"b", realm="r", nc=00000001, qop=auth');
  assert.equal(h?.params.get('username'), 'a"b');
  assert.equal(h?.params.get('nc'), '00000001');
  assert.equal(parseAuthHeader('Digest username="open'), null);
  assert.equal(parseAuthHeader('Digest a=1, a=2'), null);
});

function setup() {
  const clock = new FakeScheduler(0);
  const server = new DigestServer({
    realm: 'hotline',
    credentials: new StaticCredentialStore({ '1001': 'secret' }),
    clock,
    secret: Buffer.alloc(32, 7),
    nonceTtlMs: 60_000,
  });
  return { clock, server };
}

test('client answers server challenge; SHA-256 preferred; both algorithms verify', async () => {
  const { server } = setup();
  const ch = server.challenges();
  assert.equal(ch.length, 2);
  // MD5 first for deployed UAs that only read the first challenge; SHA-256 offered too.
  assert.match(ch[0]!, /algorithm=MD5/);
  assert.match(ch[1]!, /algorithm=SHA-256/);
  const auth = new DigestClient({ username: '1001', password: 'secret' }).authorize(ch, 'REGISTER', 'sip:hotline');
  assert.match(auth!, /algorithm=SHA-256/);
  assert.deepEqual(await server.verify('REGISTER', auth!), { ok: true, user: '1001' });
  const md5 = new DigestClient({ username: '1001', password: 'secret' }).authorize(
    [server.challenges()[0]!],
    'REGISTER',
    'sip:hotline',
  );
  assert.deepEqual(await server.verify('REGISTER', md5!), { ok: true, user: '1001' });
});

test('replayed nonce-count is rejected; increasing nc is accepted', async () => {
  const { server } = setup();
  const client = new DigestClient({ username: '1001', password: 'secret' });
  const ch = server.challenges();
  const first = client.authorize(ch, 'REGISTER', 'sip:hotline')!;
  assert.equal((await server.verify('REGISTER', first)).ok, true);
  assert.deepEqual(await server.verify('REGISTER', first), { ok: false, reason: 'replay', user: '1001' });
  const second = client.authorize(ch, 'REGISTER', 'sip:hotline')!;
  assert.match(second, /nc=00000002/);
  assert.equal((await server.verify('REGISTER', second)).ok, true);
});

test('expired nonce with a right answer is stale; wrong password and unknown user are failures', async () => {
  const { clock, server } = setup();
  const ch = server.challenges();
  clock.advance(61_000);
  const late = new DigestClient({ username: '1001', password: 'secret' }).authorize(ch, 'REGISTER', 'sip:hotline')!;
  assert.deepEqual(await server.verify('REGISTER', late), { ok: false, reason: 'stale', user: '1001' });
  assert.match(server.challenges(true)[0]!, /stale=true/);
  const fresh = server.challenges();
  const wrong = new DigestClient({ username: '1001', password: 'nope' }).authorize(fresh, 'REGISTER', 'sip:hotline')!;
  assert.deepEqual(await server.verify('REGISTER', wrong), { ok: false, reason: 'wrong-password', user: '1001' });
  const ghost = new DigestClient({ username: '9999', password: 'x' }).authorize(fresh, 'REGISTER', 'sip:hotline')!;
  assert.deepEqual(await server.verify('REGISTER', ghost), { ok: false, reason: 'unknown-user', user: '9999' });
});

test('forged or foreign nonces are rejected', async () => {
  const { server } = setup();
  const other = new DigestServer({
    realm: 'hotline',
    credentials: new StaticCredentialStore({ '1001': 'secret' }),
    clock: new FakeScheduler(0),
    secret: Buffer.alloc(32, 8),
  });
  const auth = new DigestClient({ username: '1001', password: 'secret' }).authorize(
    other.challenges(),
    'REGISTER',
    'sip:x',
  )!;
  assert.equal((await server.verify('REGISTER', auth)).ok, false);
  assert.deepEqual(await server.verify('REGISTER', auth), { ok: false, reason: 'bad-nonce', user: '1001' });
  assert.equal((await server.verify('REGISTER', undefined)).ok, false);
});

test('stored HA1 works without a password', async () => {
  const clock = new FakeScheduler(0);
  const server = new DigestServer({
    realm: 'hotline',
    credentials: { lookup: () => ({ ha1Md5: computeHa1('MD5', '2001', 'hotline', 'pw') }) },
    clock,
    algorithms: ['MD5'],
  });
  const auth = new DigestClient({ username: '2001', password: 'pw' }).authorize(
    server.challenges(),
    'INVITE',
    'sip:100@h',
  )!;
  assert.deepEqual(await server.verify('INVITE', auth), { ok: true, user: '2001' });
});

test('UAs known to abort on SHA-256 challenges get MD5 only', () => {
  const { server } = setup();
  assert.equal(server.challenges(false, 'baresip v1.0.0 (x86_64/linux)').length, 1);
  assert.match(server.challenges(false, 'baresip v1.0.0')[0]!, /algorithm=MD5/);
  assert.equal(server.challenges(false, 'Linphone/5.1').length, 2);
});
