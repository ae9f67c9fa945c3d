/** `hotline start`: prints the URL and admin login, and restarts a control process that dies. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAIN, stopProcess } from './process.ts';

const env = (dir: string, port: number) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  HOTLINE_DATA_DIR: dir,
  HOTLINE_HTTP_HOST: '127.0.0.1',
  HOTLINE_HTTP_PORT: String(port),
  HOTLINE_LOG_LEVEL: 'info',
});

async function waitFor<T>(fn: () => Promise<T | null>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn().catch(() => null);
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('start prints the URL and admin login, and a killed control comes back', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-sup-'));
  const port = 18000 + Math.floor(Math.random() * 900);
  const proc = spawn(process.execPath, [MAIN, 'start'], { env: env(dir, port), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  proc.stderr.on('data', (b: Buffer) => {
    out += b.toString();
  });
  try {
    await waitFor(async () => (out.includes('Hotline is running') ? true : null), 90_000, 'the banner');
    assert.match(out, new RegExp(`Hotline is running: http://127\\.0\\.0\\.1:${port}`));
    assert.match(out, /Admin login \(shown once\): admin \/ hotline-admin/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    assert.match(metrics, /hotline_http_request_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
    const pid = Number(/"child":"control","pid":(\d+)/.exec(out)?.[1]);
    assert.ok(pid > 0, 'supervisor logs the child pid');
    process.kill(pid, 'SIGKILL');
    await waitFor(
      async () => {
        const pids = [...out.matchAll(/"child":"control","pid":(\d+)/g)].map((m) => Number(m[1]));
        return pids.length >= 2 && pids.at(-1) !== pid ? true : null;
      },
      30_000,
      'a restarted control',
    );
    await waitFor(
      async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : null),
      60_000,
      'health after restart',
    );
    assert.equal((out.match(/Admin login \(shown once\)/g) ?? []).length, 1, 'the admin password is printed only once');
  } finally {
    await stopProcess(proc);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('demo --json describes the installation for scripts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-demo-'));
  try {
    const r = spawnSync(process.execPath, [MAIN, 'demo', '--json'], { env: env(dir, 8080), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    assert.equal(d.httpBaseUrl, 'http://127.0.0.1:8080');
    assert.equal(d.sip.udpPort, 5060);
    const roles = new Set(d.users.flatMap((u: { roles: string[] }) => u.roles));
    for (const role of ['admin', 'supervisor', 'agent', 'qa', 'department', 'leader']) assert.ok(roles.has(role), role);
    assert.ok(d.extensions.some((e: { extension: string; password: string }) => e.extension === '1001' && e.password));
    assert.ok(d.dids.some((x: { did: string }) => x.did === '12319'));
    assert.equal(d.open311.apiKey, 'demo-open311-key');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
