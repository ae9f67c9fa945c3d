import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GrantSigner, parseRange } from './telephony-recordings-range.ts';

test('parseRange: RFC 9110 §14 byte ranges', () => {
  assert.deepEqual(parseRange(undefined, 1000), { kind: 'full' });
  assert.deepEqual(parseRange('bytes=0-', 1000), { kind: 'partial', start: 0, end: 999 });
  assert.deepEqual(parseRange('bytes=10-19', 1000), { kind: 'partial', start: 10, end: 19 });
  assert.deepEqual(parseRange('bytes=990-5000', 1000), { kind: 'partial', start: 990, end: 999 });
  assert.deepEqual(parseRange('bytes=-100', 1000), { kind: 'partial', start: 900, end: 999 });
  assert.deepEqual(parseRange('bytes=-5000', 1000), { kind: 'partial', start: 0, end: 999 });
  assert.deepEqual(parseRange('BYTES = 5 - 6', 1000), { kind: 'partial', start: 5, end: 6 });
  assert.deepEqual(parseRange('bytes=1000-', 1000), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=-0', 1000), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
  // Ignored (served whole): other units, several ranges, inverted or malformed ranges.
  for (const h of ['items=0-1', 'bytes=0-1,5-6', 'bytes=9-3', 'bytes=-', 'bytes=a-b', 'bytes=99999999999999999999-']) {
    const r = parseRange(h, 1000);
    assert.ok(r.kind === 'full' || r.kind === 'unsatisfiable', h);
  }
  assert.deepEqual(parseRange('bytes=0-1,5-6', 1000), { kind: 'full' });
});

test('GrantSigner: round trip; tampering, another key and expiry are refused without throwing', () => {
  const s = new GrantSigner(Buffer.alloc(32, 7));
  const g = { recordingId: 'r1', userId: 'u1', purpose: 'play' as const, expiresAt: 2_000 };
  const t = s.issue(g);
  assert.deepEqual(s.verify(t, 1_000), g);
  assert.equal(s.verify(t, 2_000), null);
  assert.equal(new GrantSigner(Buffer.alloc(32, 8)).verify(t, 1_000), null);
  const [payload, sig] = t.split('.');
  const forged = Buffer.from(JSON.stringify(['r1', 'u2', 'play', 2_000])).toString('base64url');
  assert.equal(s.verify(`${forged}.${sig}`, 1_000), null);
  for (const bad of [
    '',
    '.',
    'x',
    `${payload}.`,
    `.${sig}`,
    `${payload}.${sig}x`,
    'a'.repeat(600),
    `${payload}.${sig}.x`,
  ]) {
    assert.equal(s.verify(bad, 1_000), null, bad);
  }
  const odd = Buffer.from('not json').toString('base64url');
  const s2 = new GrantSigner(Buffer.alloc(32, 7));
  const withOdd = `${odd}.${s2.issue(g).split('.')[1]}`;
  assert.equal(s2.verify(withOdd, 1_000), null);
});
