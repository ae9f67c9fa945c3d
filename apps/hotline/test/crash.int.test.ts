/**
 * kill -9 of control during a stream of acknowledged writes: after a restart every write that got
 * its 201 is there (PGlite on disk; the same holds on PostgreSQL by its WAL).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startControlProcess, stopProcess } from './process.ts';

/** No demo data: the test needs only the admin, and a lighter start keeps it quick on a loaded machine. */
const FAST = { HOTLINE_DEMO: 'false', HOTLINE_ADMIN_PASSWORD: 'hotline-admin' };

async function adminSession(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'hotline-admin' }),
  });
  assert.equal(res.status, 200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

test('kill -9 during acknowledged writes loses none of them', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-crash-'));
  try {
    const first = await startControlProcess(dir, FAST);
    const { cookie, csrfToken } = await adminSession(first.url);
    const acked: string[] = [];
    const refused = new Map<string, number>();
    let n = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const code = `C${n++}`;
        try {
          const res = await fetch(`${first.url}/api/v1/departments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
            body: JSON.stringify({ code, name: `部门${code}`, kind: 'unit' }),
          });
          if (res.status === 201) acked.push(code);
          else {
            const key = `${res.status} ${(await res.text()).slice(0, 200)}`;
            refused.set(key, (refused.get(key) ?? 0) + 1);
          }
        } catch {
          return; // connection refused/reset: the process is gone
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    const deadline = Date.now() + 90_000;
    while (acked.length < 60) {
      if (Date.now() > deadline) {
        stop = true;
        first.proc.kill('SIGKILL');
        assert.fail(
          `only ${acked.length} writes acknowledged in 90 s; refused: ${JSON.stringify([...refused])}\n${first.output()}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const killed = stopProcess(first.proc, 'SIGKILL');
    stop = true;
    await Promise.all(writers);
    await killed;

    const second = await startControlProcess(dir, FAST);
    try {
      const s = await adminSession(second.url);
      const res = await fetch(`${second.url}/api/v1/departments`, { headers: { cookie: s.cookie } });
      const { departments } = (await res.json()) as { departments: { code: string }[] };
      const present = new Set(departments.map((d) => d.code));
      const lost = acked.filter((c) => !present.has(c));
      assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged writes lost`);
      assert.ok(acked.length >= 60);
    } finally {
      await stopProcess(second.proc);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad config value names the key and exits non-zero without touching data', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'hotline-badcfg-')), 'data');
  const { spawnSync } = await import('node:child_process');
  const { MAIN } = await import('./process.ts');
  const { existsSync } = await import('node:fs');
  const r = spawnSync(process.execPath, [MAIN, 'control'], {
    env: { PATH: process.env.PATH ?? '', HOTLINE_DATA_DIR: dir, HOTLINE_HTTP_PORT: '99999', DATABASE_URL: 'mysql://x' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 78);
  assert.match(r.stderr, /httpPort \(HOTLINE_HTTP_PORT\)/);
  assert.match(r.stderr, /databaseUrl \(DATABASE_URL\): must be a postgres:\/\/ URL/);
  assert.equal(existsSync(dir), false, 'the data directory must not be created');
});
