/**
 * H1 with real processes: `hotline switch` and a control process (the real call-control client and
 * store) as children, 20 bridged recorded sipp calls with audio, kill -9 of control; the calls keep
 * their audio; a restarted control gets the snapshot, hangs them up, and — killed again right after
 * — loses no CDR: a third control receives the replayed events and stores each exactly once.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { sipp, ulawTone } from '../../../../packages/switch/test/peers/sipp.ts';

// Ports: switch SIP 16200, call-control 16201, SIP TLS 16202, RTP 17200–17399; sipp 16210–16212, RTP 16220–16299.
const SIP = 16200;
const CALLS = 20;
const MAIN = join(import.meta.dirname, '..', 'main.ts');
const CHILD = join(import.meta.dirname, '__fixtures__', 'control-child.ts');
const has = (t: string) => {
  try {
    execFileSync('which', [t], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

type Line = Record<string, unknown>;
function child(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const proc = spawn(process.execPath, [script, ...args], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: Line[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as Line);
    } catch {
      lines.push({ text: l });
    }
    for (const w of [...waiters]) w();
  });
  const next = (pred: (l: Line) => boolean, timeoutMs = 20_000, from = 0): Promise<Line> =>
    new Promise((resolve, reject) => {
      const find = () => lines.slice(from).find(pred);
      const hit = find();
      if (hit) return resolve(hit);
      const t = setTimeout(
        () => reject(new Error(`child: timeout; got ${JSON.stringify(lines.slice(-3))}`)),
        timeoutMs,
      );
      const check = () => {
        const h = find();
        if (!h) return;
        clearTimeout(t);
        waiters.delete(check);
        resolve(h);
      };
      waiters.add(check);
    });
  const ask = async (cmd: string, key: string, timeoutMs = 20_000) => {
    const from = lines.length;
    proc.stdin?.write(`${cmd}\n`);
    return next((l) => key in l, timeoutMs, from);
  };
  return { proc, lines, next, ask };
}

const killed = (p: ChildProcess) =>
  new Promise((r) => (p.exitCode !== null || p.signalCode ? r(null) : p.once('exit', r)));

test('kill -9 of control during 20 bridged calls: audio continues, snapshot on restart, clean hang-up, no CDR lost', {
  timeout: 120_000,
}, async (t) => {
  if (!has('sipp') || !has('sox')) return t.skip('sipp or sox not installed');
  const dir = mkdtempSync(join(tmpdir(), 'failover-'));
  const env = {
    ...process.env,
    HOTLINE_DATA_DIR: dir,
    HOTLINE_SIP_HOST: '127.0.0.1',
    HOTLINE_SIP_PORT: String(SIP),
    HOTLINE_SIP_TLS_PORT: '16202',
    HOTLINE_RTP_PORT_MIN: '17200',
    HOTLINE_RTP_PORT_MAX: '17400',
    HOTLINE_SWITCH_CONTROL_PORT: '16201',
    HOTLINE_CALL_CONTROL_TOKEN: 'failover-test-token-0123456789',
    HOTLINE_DEMO: 'false',
    HOTLINE_LOG_LEVEL: 'info',
    HOTLINE_TEST_SEED: JSON.stringify({ trunkPort: 16210, did: '12345', extension: '1003' }),
  };
  const sw = child(MAIN, ['switch'], env);
  const peers: { stop(): void }[] = [];
  let control = child(CHILD, [], env);
  try {
    await sw.next((l) => l.msg === 'switch listening');
    await control.next((l) => 'snapshot' in l, 30_000);
    const remote = `127.0.0.1:${SIP}`;
    const reg = sipp({
      scenario: 'register.xml',
      remote,
      localPort: 16211,
      timeoutS: 10,
      args: [
        '-s',
        '1003',
        '-au',
        '1003',
        '-ap',
        'sip-1003-demo',
        '-key',
        'contact_port',
        '16212',
        '-key',
        'expires',
        '600',
        '-m',
        '1',
      ],
    });
    assert.equal(await reg.done, 0, `register failed (${reg.dir})`);
    const agents = sipp({
      scenario: 'uas-echo.xml',
      remote,
      localPort: 16212,
      timeoutS: 100,
      args: ['-m', String(CALLS), '-rtp_echo', '-mp', '16280', '-mi', '127.0.0.1'],
    });
    const callers = sipp({
      scenario: 'uac-wait-bye.xml',
      remote,
      localPort: 16210,
      timeoutS: 100,
      subst: { AUDIO: ulawTone(440, 60) },
      args: [
        '-s',
        '12345',
        '-key',
        'caller',
        '13900001111',
        '-m',
        String(CALLS),
        '-l',
        String(CALLS),
        '-r',
        '10',
        '-mp',
        '16220',
        '-mi',
        '127.0.0.1',
      ],
    });
    peers.push(agents, callers);

    // All 20 calls bridged, with RTP flowing.
    let before: Line = {};
    for (let i = 0; i < 60; i++) {
      before = await control.ask('media', 'media');
      if (before.bridges === CALLS) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(before.bridges, CALLS, 'all calls bridged');
    const legsBefore = before.media as Record<string, { rx: number; tx: number }>;
    assert.equal(Object.keys(legsBefore).length, 2 * CALLS);

    control.proc.kill('SIGKILL');
    await killed(control.proc);
    await new Promise((r) => setTimeout(r, 3000));

    control = child(CHILD, [], env);
    const snap = (await control.next((l) => 'snapshot' in l, 30_000)).snapshot as { legs: number; bridges: number };
    assert.deepEqual([snap.legs, snap.bridges], [2 * CALLS, CALLS], 'the snapshot holds every call');
    const after = (await control.ask('media', 'media')).media as Record<
      string,
      { rx: number; tx: number; state: string }
    >;
    for (const [id, m] of Object.entries(legsBefore)) {
      const a = after[id];
      assert.ok(a, `leg ${id} survived`);
      // 20 ms packets: ≥ 3 s without control must add well over 100 packets each way.
      assert.ok(a.rx - m.rx > 100, `leg ${id} kept receiving (${m.rx} → ${a.rx})`);
      assert.ok(a.tx - m.tx > 100, `leg ${id} kept sending (${m.tx} → ${a.tx})`);
    }

    // Hang everything up, then kill control before it can have stored all events.
    const h = await control.ask('hangupAll', 'hungup');
    assert.equal(h.hungup, CALLS);
    control.proc.kill('SIGKILL');
    await killed(control.proc);
    assert.equal(await callers.done, 0, `callers (${callers.dir})`);
    assert.equal(await agents.done, 0, `agents (${agents.dir})`);

    control = child(CHILD, [], env);
    await control.next((l) => 'snapshot' in l, 30_000);
    let counts: Line = {};
    for (let i = 0; i < 20; i++) {
      counts = await control.ask('count', 'cdrs');
      if (counts.cdrs === 2 * CALLS && counts.recordings === CALLS) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    assert.deepEqual(counts, { cdrs: 2 * CALLS, recordings: CALLS, answered: 2 * CALLS });
  } finally {
    for (const p of peers) p.stop();
    control.proc.kill('SIGKILL');
    sw.proc.kill('SIGTERM');
    await killed(sw.proc);
  }
});
