/**
 * `hotline control` with encrypted trunk passwords and the wrong key (decision 0309): one clear
 * message naming HOTLINE_SECRET_KEY and exit 78 (EX_CONFIG, which the supervisor does not restart)
 * — not a stack trace and a crash loop. With the right key it starts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '@hotline/store';
import { SecretBox } from '../secrets/secret-box.ts';
import { telephonyDb } from './telephony-store.ts';
import { trunkRow } from './trunk-row.test-helper.ts';

const MAIN = join(import.meta.dirname, '..', 'main.ts');

/** Runs `hotline control` until it exits or prints its start banner; then stops it. */
function runControl(env: Record<string, string>): Promise<{ code: number | null; stderr: string; started: boolean }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [MAIN, 'control'], { env: { PATH: process.env.PATH, ...env } });
    let stderr = '';
    let started = false;
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.stdout.on('data', (d) => {
      if (String(d).includes('Hotline is running')) {
        started = true;
        p.kill('SIGTERM');
      }
    });
    const t = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('exit', (code) => {
      clearTimeout(t);
      resolve({ code, stderr, started });
    });
  });
}

test('control refuses to start with a key that does not open the trunk passwords (exit 78, named setting)', {
  timeout: 180_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trunk-secrets-start-'));
  const key = randomBytes(32);
  const store = await openStore({ dataDir: join(dir, 'db') });
  await telephonyDb(store)
    .insertInto('sip_trunks')
    .values(trunkRow({ id: 'carrier', username: 'hotline-out', password: new SecretBox(key).seal('carrier-pw') }))
    .execute();
  await store.close();
  const env = {
    HOTLINE_DATA_DIR: dir,
    HOTLINE_HTTP_HOST: '127.0.0.1',
    HOTLINE_HTTP_PORT: '0',
    HOTLINE_DEMO: 'false',
    HOTLINE_ADMIN_PASSWORD: 'start-test-admin-pw',
    HOTLINE_LOG_LEVEL: 'silent',
    // Nothing listens here: control retries in the background, which does not matter for the test.
    HOTLINE_SWITCH_CONTROL_PORT: '16701',
    HOTLINE_CALL_CONTROL_TOKEN: 'trunk-secrets-start-token',
  };

  const wrong = await runControl({ ...env, HOTLINE_SECRET_KEY: randomBytes(32).toString('base64') });
  assert.equal(wrong.code, 78, wrong.stderr);
  assert.match(wrong.stderr, /HOTLINE_SECRET_KEY/);
  assert.match(wrong.stderr, /trunk\(s\) carrier/);
  assert.doesNotMatch(wrong.stderr, /\n\s+at /, 'no stack trace');

  // No key at all (and no key file in the data dir): the same kind of refusal.
  const none = await runControl(env);
  assert.equal(none.code, 78, none.stderr);
  assert.match(none.stderr, /HOTLINE_SECRET_KEY is not set/);

  const right = await runControl({ ...env, HOTLINE_SECRET_KEY: key.toString('hex') });
  assert.equal(right.started, true, right.stderr);
});
