import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../config.ts';
import { readSecretKey, secretKeyPath } from './secret-key.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'secret-key-'));

test('HOTLINE_SECRET_KEY wins over the key file and creates nothing', () => {
  const d = dir();
  const key = randomBytes(32);
  const k = readSecretKey({ dataDir: d, secretKey: key.toString('hex') }, { create: true });
  assert.deepEqual(k, { key, source: 'HOTLINE_SECRET_KEY' });
  assert.throws(() => statSync(secretKeyPath(d)), /ENOENT/);
});

test('without it: a key file made once (mode 0600) and read back the same; none made when not asked', () => {
  const d = join(dir(), 'var');
  assert.equal(readSecretKey({ dataDir: d }, { create: false }), null);
  const first = readSecretKey({ dataDir: d }, { create: true });
  assert.ok(first);
  assert.equal(first.source, secretKeyPath(d));
  assert.equal(first.key.length, 32);
  assert.equal(statSync(secretKeyPath(d)).mode & 0o777, 0o600);
  const again = readSecretKey({ dataDir: d }, { create: true });
  assert.deepEqual(again?.key, first.key);
  assert.deepEqual(readSecretKey({ dataDir: d }, { create: false })?.key, first.key);
  assert.match(readFileSync(secretKeyPath(d), 'utf8'), /^[A-Za-z0-9+/]{43}=\n$/);
});

test('a key file that is not a key is a configuration error naming the file and HOTLINE_SECRET_KEY', () => {
  const d = dir();
  writeFileSync(secretKeyPath(d), 'garbage\n');
  assert.throws(
    () => readSecretKey({ dataDir: d }, { create: true }),
    (e: unknown) =>
      e instanceof ConfigError && e.message.includes(secretKeyPath(d)) && e.message.includes('HOTLINE_SECRET_KEY'),
  );
  assert.equal(readFileSync(secretKeyPath(d), 'utf8'), 'garbage\n', 'left as it was');
});
