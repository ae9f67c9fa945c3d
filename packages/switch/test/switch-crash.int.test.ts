/**
 * Decision 0306: kill -9 of the switch loses no call-control event. A call between two sipp
 * extensions ends while no control is connected (its CDRs and recording wait in the journal); the
 * switch is killed with SIGKILL and started again on the same data directory: the first control to
 * connect receives every one of those events, and the registration of the called phone (bindings
 * file) is still there. Once acknowledged, a second kill -9 replays nothing and seq keeps rising.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CallControlEvent } from '@hotline/contracts';
import { eventJournalPath } from '../src/runtime.ts';
import { kill9, startChild, writeChildConfig } from './child.ts';
import { connectControlAt, hasTool, sleep } from './harness.ts';
import { registerArgs, sipp, ulawTone } from './peers/sipp.ts';

// Ports: switch SIP 16070, call-control 16071, RTP 17080–17089; sipp 16075–16078, sipp RTP 16090.
const SIP = 16070;
const CONTROL = 16071;
function journaled(dataDir: string): CallControlEvent[] {
  let text = '';
  try {
    text = readFileSync(eventJournalPath(dataDir), 'utf8');
  } catch {
    return [];
  }
  // The events still pending: every `{"e"}` line above the last `{"ack"}` (as the switch reads it).
  const lines = text.split('\n').filter((l) => l.startsWith('{'));
  const acked = Math.max(
    0,
    ...lines.filter((l) => l.startsWith('{"ack"')).map((l) => (JSON.parse(l) as { ack: number }).ack),
  );
  return lines
    .filter((l) => l.startsWith('{"e"'))
    .map((l) => (JSON.parse(l) as { e: CallControlEvent }).e)
    .filter((e) => e.seq > acked);
}

test('kill -9 of the switch: unacknowledged CDRs and recordings are delivered after the restart', {
  timeout: 90_000,
}, async (t) => {
  if (!hasTool('sipp') || !hasTool('sox')) return t.skip('sipp or sox not installed');
  const dataDir = mkdtempSync(join(tmpdir(), 'switch-crash-'));
  const file = writeChildConfig({ dataDir, sipPort: SIP, controlPort: CONTROL, rtp: [17080, 17090] });
  let proc = await startChild(file);
  try {
    const reg = sipp({
      scenario: 'register.xml',
      remote: `127.0.0.1:${SIP}`,
      localPort: 16075,
      timeoutS: 10,
      args: registerArgs('1001', 'sip-1001-demo', 16076),
    });
    assert.equal(await reg.done, 0, `register failed, see ${reg.dir}`);
    const agent = sipp({
      scenario: 'uas-echo.xml',
      remote: `127.0.0.1:${SIP}`,
      localPort: 16076,
      timeoutS: 20,
      args: ['-m', '1', '-rtp_echo', '-mp', '16090', '-mi', '127.0.0.1'],
    });
    const caller = sipp({
      scenario: 'uac-digest-call.xml',
      remote: `127.0.0.1:${SIP}`,
      localPort: 16077,
      timeoutS: 20,
      subst: { AUDIO: ulawTone(440, 3), HOLD_MS: '1500' },
      args: ['-s', '1001', '-key', 'caller', '1002', '-au', '1002', '-ap', 'sip-1002-demo', '-m', '1'],
      // both sipp instances use RTP; the caller's is chosen by sipp (-mp default 6000 + n)
    });
    assert.equal(await caller.done, 0, `caller failed, see ${caller.dir}`);
    assert.equal(await agent.done, 0, `agent failed, see ${agent.dir}`);
    // No control is connected: the events are only in the switch (memory + journal).
    for (let i = 0; i < 50 && !journaled(dataDir).some((e) => e.type === 'recording.closed'); i++) await sleep(100);
    const before = journaled(dataDir);
    const cdrs = before.filter((e) => e.type === 'leg.hungup');
    assert.equal(cdrs.length, 2, `two CDRs journaled, got ${before.map((e) => e.type).join(',')}`);
    assert.ok(before.some((e) => e.type === 'recording.closed'));

    await kill9(proc);
    proc = await startChild(file);
    const control = await connectControlAt(CONTROL);
    const snap = await control.waitSnapshot();
    assert.ok(
      snap.registrations.some((r) => r.extension === '1001'),
      'the registration survived the restart (bindings file)',
    );
    for (const e of cdrs) await control.waitEvent('leg.hungup', (x) => x.id === e.id);
    const rec = await control.waitEvent('recording.closed');
    assert.ok(readFileSync(rec.path).length > 44, 'the recording file is there');
    const lastSeq = Math.max(...before.map((e) => e.seq));
    assert.equal(new Set(control.events.map((e) => e.id)).size, control.events.length, 'each event once');

    // Acknowledged (TestControl acks every event): nothing is pending; a second crash replays nothing.
    for (let i = 0; i < 50 && journaled(dataDir).length > 0; i++) await sleep(100);
    assert.equal(journaled(dataDir).length, 0, 'acknowledged events are no longer pending');
    (control as { close?: () => void }).close?.();
    await kill9(proc);
    proc = await startChild(file);
    const again = await connectControlAt(CONTROL);
    await again.waitSnapshot();
    await sleep(300);
    assert.equal(again.events.filter((e) => e.type === 'leg.hungup').length, 0, 'nothing replayed twice');
    // New events continue the sequence.
    const reg2 = sipp({
      scenario: 'register.xml',
      remote: `127.0.0.1:${SIP}`,
      localPort: 16075,
      timeoutS: 10,
      args: registerArgs('1002', 'sip-1002-demo', 16078),
    });
    assert.equal(await reg2.done, 0);
    const ev = await again.waitEvent('endpoint.registered', (e) => e.extension === '1002');
    assert.ok(ev.seq > lastSeq, `seq ${ev.seq} continues after ${lastSeq}`);
    (again as { close?: () => void }).close?.();
  } finally {
    await kill9(proc);
  }
});
