import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorize, credentialsOf, DigestServer, digestResponse } from './digest.ts';

test('RFC 2617 §3.5 example response', () => {
  const r = digestResponse({
    username: 'Mufasa',
    realm: 'testrealm@host.com',
    password: 'Circle Of Life',
    method: 'GET',
    uri: '/dir/index.html',
    nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
    qop: 'auth',
    nc: '00000001',
    cnonce: '0a4f113b',
  });
  assert.equal(r, '6629fae49393a05397450978507c4ef1');
});

test('server verifies what the client computes; wrong password, stale and forged nonces fail', () => {
  let now = 1_000_000;
  const s = new DigestServer('hotline', () => now);
  const ch = s.challenge();
  const value = authorize(ch, { username: '1001', password: 'pw', method: 'INVITE', uri: 'sip:1002@h' });
  const cred = credentialsOf(value ?? '');
  assert.ok(cred);
  assert.equal(s.verify(cred, 'INVITE', 'pw'), 'ok');
  assert.equal(s.verify(cred, 'INVITE', 'nope'), 'wrong');
  assert.equal(s.verify(cred, 'INVITE', undefined), 'unknown_user');
  assert.equal(s.verify({ ...cred, nonce: `${now}.forged` }, 'INVITE', 'pw'), 'wrong');
  now += 10 * 60_000;
  assert.equal(s.verify(cred, 'INVITE', 'pw'), 'stale');
  assert.equal(credentialsOf('Basic abc'), null);
  assert.equal(credentialsOf('Digest username="x"'), null);
});
