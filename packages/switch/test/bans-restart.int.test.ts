/**
 * Decision 0308: a ban survives kill -9 of the switch. sipp sends REGISTERs with a wrong password
 * until the guard bans 127.0.0.1; the switch is killed with SIGKILL and started again on the same
 * data directory: the source is still dropped without an answer, the snapshot lists the ban, and
 * control's `switch.unban` lifts it (event `unban` by control). A second ban (a scanner's
 * User-Agent, from a raw UDP client) survives another kill -9 and lifts at its end (by expiry).
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestControl } from '../src/control/test-control.test-helper.ts';
import { kill9, startChild, writeChildConfig } from './child.ts';
import { connectControlAt, hasTool, sleep } from './harness.ts';
import { registerArgs, sipp } from './peers/sipp.ts';

// Ports: switch SIP 16650, call-control 16651, RTP 17650–17659 (no media); sipp 16652–16655, UDP probe 16656.
const SIP = 16650;
const CONTROL = 16651;
const BAN_MS = 12_000;
/** Sends one OPTIONS from 127.0.0.1:16656; resolves with the status line, or null when nothing answers. */
function probe(userAgent = 'probe/1.0', waitMs = 1_500): Promise<string | null> {
  const sock = createSocket('udp4');
  const branch = `z9hG4bK${Math.random().toString(16).slice(2)}`;
  const msg =
    `OPTIONS sip:127.0.0.1:${SIP} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:16656;branch=${branch};rport\r\n` +
    `From: <sip:probe@127.0.0.1>;tag=${branch}\r\nTo: <sip:127.0.0.1>\r\nCall-ID: ${branch}\r\nCSeq: 1 OPTIONS\r\n` +
    `Max-Forwards: 70\r\nUser-Agent: ${userAgent}\r\nContent-Length: 0\r\n\r\n`;
  return new Promise((resolve) => {
    const done = (v: string | null) => {
      clearTimeout(t);
      sock.close();
      resolve(v);
    };
    const t = setTimeout(() => done(null), waitMs);
    sock.on('message', (m) => done(m.toString().split('\r\n')[0] ?? ''));
    sock.bind(16656, '127.0.0.1', () => sock.send(msg, SIP, '127.0.0.1'));
  });
}

test('bans survive kill -9 of the switch; control lifts one, the other ends on its time', {
  timeout: 90_000,
}, async (t) => {
  if (!hasTool('sipp')) return t.skip('sipp not installed');
  const dataDir = mkdtempSync(join(tmpdir(), 'switch-bans-'));
  const file = writeChildConfig({
    dataDir,
    sipPort: SIP,
    controlPort: CONTROL,
    rtp: [17650, 17659],
    guard: { maxFailuresPerIp: 3, banMs: BAN_MS },
  });
  let proc = await startChild(file);
  const closeControl = (c: TestControl) => (c as { close?: () => void }).close?.();
  try {
    // A control is connected (and acknowledges) as in production: the ban event is delivered once.
    let control = await connectControlAt(CONTROL);
    await control.waitSnapshot();
    assert.match((await probe()) ?? '', /^SIP\/2\.0 200/, 'the switch answers before any ban');
    const wrong = sipp({
      scenario: 'register-wrong.xml',
      remote: `127.0.0.1:${SIP}`,
      localPort: 16652,
      timeoutS: 10,
      args: [...registerArgs('1001', 'not-the-password', 16653, 3), '-r', '1', '-rp', '200'],
    });
    assert.equal(await wrong.done, 0, `wrong-password REGISTERs were not answered 401, see ${wrong.dir}`);
    assert.equal(await probe(), null, 'banned: dropped without an answer');
    const announced = await control.waitEvent('ban');
    await sleep(200); // its ack reaches the switch
    closeControl(control);

    await kill9(proc);
    proc = await startChild(file);
    assert.equal(await probe(), null, 'still banned after kill -9 and a restart');
    control = await connectControlAt(CONTROL);
    const snap = await control.waitSnapshot();
    assert.deepEqual(
      (snap.bans ?? []).map((b) => [b.kind, b.key, b.reason, b.failures]),
      [['ip', '127.0.0.1', 'auth-failures', 3]],
    );
    assert.equal(snap.bans?.[0]?.since, announced.ban.since, 'the same ban, with its times');
    // Restored, not engaged again: no second `ban` event for control to store.
    await sleep(300);
    assert.equal(control.events.filter((e) => e.type === 'ban').length, 0);
    // The admin's lift (DELETE /api/v1/telephony/bans → `switch.unban`) works on a restored ban.
    const r = await control.command({ type: 'switch.unban', kind: 'ip', key: '127.0.0.1' });
    assert.deepEqual(r.ok && r.result, { lifted: true });
    const lifted = await control.waitEvent('unban');
    assert.equal(lifted.by, 'control');
    assert.equal(lifted.ban.since, announced.ban.since, 'the same ban (control closes its row by since)');
    assert.match((await probe()) ?? '', /^SIP\/2\.0 200/, 'answered again once lifted');

    // A scanner's User-Agent bans at once; the ban survives another kill -9 and ends on its time.
    const bannedAt = Date.now();
    assert.equal(await probe('friendly-scanner'), null);
    await control.waitEvent('ban', (e) => e.ban.reason === 'scanner');
    await sleep(200);
    closeControl(control);
    await kill9(proc);
    proc = await startChild(file);
    assert.equal(await probe(), null, 'the scanner ban survived');
    control = await connectControlAt(CONTROL);
    assert.deepEqual(
      ((await control.waitSnapshot()).bans ?? []).map((b) => [b.key, b.reason]),
      [['127.0.0.1', 'scanner']],
      'only the scanner ban: the lifted one stayed lifted',
    );
    const expired = await control.waitEvent('unban', () => true, BAN_MS + 5_000);
    assert.equal(expired.by, 'expiry');
    assert.ok(Date.now() - bannedAt >= BAN_MS - 100, 'not lifted before its end');
    assert.match((await probe()) ?? '', /^SIP\/2\.0 200/);
    closeControl(control);
  } finally {
    await kill9(proc);
  }
});
