import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FALLBACK_ANNOUNCEMENT } from '../src/runtime.ts';
import { connectControl, hasTool, sleep, startTestSwitch } from './harness.ts';
import { registerArgs, sipp, ulawTone } from './peers/sipp.ts';

// Ports: switch SIP 16300, RTP 17300–17399; sipp 16310–16319, RTP 16320–16349.
const SIP = 16300;
const REMOTE = `127.0.0.1:${SIP}`;

/** A short prompt rendered now when espeak-ng and sox exist, else the shipped one. */
function announcement(): string {
  if (!hasTool('espeak-ng') || !hasTool('sox')) return FALLBACK_ANNOUNCEMENT;
  const dir = mkdtempSync(join(tmpdir(), 'prompt-'));
  execFileSync('espeak-ng', ['-v', 'cmn', '-w', join(dir, 'raw.wav'), '请稍后再拨']);
  execFileSync('sox', [join(dir, 'raw.wav'), '-r', '8000', '-c', '1', '-b', '16', join(dir, 'p.wav')]);
  return join(dir, 'p.wav');
}

test('fallback route (T5): no control — the fallback group rings; unanswered calls hear the announcement; events wait for control', {
  timeout: 60_000,
}, async (t) => {
  if (!hasTool('sipp') || !hasTool('sox')) return t.skip('sipp or sox not installed');
  const rt = await startTestSwitch({
    sipPort: SIP,
    rtp: [17300, 17400],
    announcementFile: announcement(),
    config: {
      extensions: [{ extension: '1001', password: 'sip-1001-demo' }],
      trunks: [{ id: 'carrier', host: '127.0.0.1', port: 16310, allowFrom: ['127.0.0.1:16310'] }],
      dids: [{ did: '12345', target: { type: 'control', flow: 'main' } }],
      fallback: { extensions: ['1001'], ringSeconds: 3 },
    },
  });
  const tone = ulawTone(440, 30);
  try {
    // 1) Nobody of the fallback group is registered: answer, announcement, BYE from the switch.
    const c1 = sipp({
      scenario: 'uac-wait-bye.xml',
      remote: REMOTE,
      localPort: 16310,
      timeoutS: 30,
      subst: { AUDIO: tone },
      args: ['-s', '12345', '-key', 'caller', '13900002222', '-m', '1', '-mp', '16320', '-mi', '127.0.0.1'],
    });
    assert.equal(await c1.done, 0, `caller did not get the announcement and a BYE (${c1.dir})`);

    // 2) The fallback agent is registered: the call is bridged to it (and recorded).
    const reg = sipp({
      scenario: 'register.xml',
      remote: REMOTE,
      localPort: 16311,
      timeoutS: 10,
      args: registerArgs('1001', 'sip-1001-demo', 16312),
    });
    assert.equal(await reg.done, 0);
    const agent = sipp({
      scenario: 'uas-echo.xml',
      remote: REMOTE,
      localPort: 16312,
      timeoutS: 30,
      args: ['-m', '1', '-rtp_echo', '-mp', '16330', '-mi', '127.0.0.1'],
    });
    const c2 = sipp({
      scenario: 'uac-wait-bye.xml',
      remote: REMOTE,
      localPort: 16310,
      timeoutS: 30,
      subst: { AUDIO: tone },
      args: ['-s', '12345', '-key', 'caller', '13900003333', '-m', '1', '-mp', '16340', '-mi', '127.0.0.1'],
    });
    for (let i = 0; i < 50 && rt.sw.bridges.size === 0; i++) await sleep(100);
    assert.equal(rt.sw.bridges.size, 1, 'bridged to the fallback agent');

    // Control arrives: snapshot with the live call, then every event it missed, in order.
    const control = await connectControl(rt);
    const snap = await control.waitSnapshot();
    assert.equal(snap.bridges.length, 1);
    assert.equal(snap.legs.length, 2);
    const first = await control.waitEvent('leg.offered', (e) => e.caller === '13900002222');
    assert.equal(first.routedBy, 'fallback');
    const hung = await control.waitEvent('leg.hungup', (e) => e.legId === first.legId);
    assert.ok(hung.cdr.answeredAt, 'the announcement answered the call');
    const second = await control.waitEvent('leg.offered', (e) => e.caller === '13900003333');
    assert.equal(second.routedBy, 'fallback');
    assert.equal((await control.command({ type: 'leg.hangup', legId: second.legId })).ok, true);
    assert.equal(await c2.done, 0);
    assert.equal(await agent.done, 0);
    await control.waitEvent('recording.closed');
  } finally {
    await rt.close();
  }
});
