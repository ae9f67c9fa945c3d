import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';
import { isSealed, parseSecretKey, SecretBox } from './secret-box.ts';

const box = new SecretBox(randomBytes(32));

test('round trip: sealed as v1:<iv>:<tag>:<ciphertext>, a fresh IV each time, any text back', () => {
  for (const plain of ['carrier-pw', '', '电信中继密码 ✓', 'x'.repeat(500), 'a:b:c']) {
    const sealed = box.seal(plain);
    assert.ok(isSealed(sealed), sealed);
    assert.equal(sealed.split(':').length, 4);
    assert.equal(box.open(sealed), plain);
    if (plain) assert.ok(!sealed.includes(plain));
  }
  assert.notEqual(box.seal('same'), box.seal('same'));
});

test('tampering is detected by the GCM tag: a changed tag, ciphertext or IV opens to null', () => {
  const sealed = box.seal('carrier-pw');
  const [v, iv, tag, data] = sealed.split(':') as [string, string, string, string];
  const flip = (b64: string) => {
    const b = Buffer.from(b64, 'base64');
    b[0]! ^= 1;
    return b.toString('base64');
  };
  assert.equal(box.open([v, iv, flip(tag), data].join(':')), null);
  assert.equal(box.open([v, iv, tag, flip(data)].join(':')), null);
  assert.equal(box.open([v, flip(iv), tag, data].join(':')), null);
  // The same shape with another value's tag (swapping parts between two sealed values).
  const other = box.seal('carrier-pw').split(':');
  assert.equal(box.open([v, iv, other[2], data].join(':')), null);
});

test('a wrong key opens nothing; malformed values are refused, never thrown', () => {
  const sealed = box.seal('carrier-pw');
  assert.equal(new SecretBox(randomBytes(32)).open(sealed), null);
  for (const bad of ['', 'carrier-pw', 'v1:abc:def:ghi', 'v2' + sealed.slice(2), `${sealed}:x`, 'v1:::']) {
    assert.equal(isSealed(bad), false, bad);
    assert.equal(box.open(bad), null, bad);
  }
  assert.throws(() => new SecretBox(randomBytes(16)), /32 bytes/);
});

test('the master key: 64 hex digits or base64/base64url of 32 bytes; the config names the variable, not the value', () => {
  const key = randomBytes(32);
  assert.deepEqual(parseSecretKey(key.toString('hex')), key);
  assert.deepEqual(parseSecretKey(key.toString('base64')), key);
  assert.deepEqual(parseSecretKey(`${key.toString('base64url')}\n`), key);
  for (const bad of [
    '',
    'short',
    randomBytes(16).toString('hex'),
    randomBytes(31).toString('base64'),
    'z'.repeat(64),
  ]) {
    assert.equal(parseSecretKey(bad), null, bad);
  }
  assert.equal(loadConfig({ HOTLINE_SECRET_KEY: key.toString('base64') }).secretKey, key.toString('base64'));
  const secretLooking = 'not-a-key-but-a-secret-anyway';
  assert.throws(
    () => loadConfig({ HOTLINE_SECRET_KEY: secretLooking }),
    (e: unknown) =>
      e instanceof ConfigError &&
      /secretKey \(HOTLINE_SECRET_KEY\): must be 32 bytes/.test(e.message) &&
      !e.message.includes(secretLooking),
  );
});
