import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectControl, hasTool, sleep, startTestSwitch } from './harness.ts';
import { toneLevel, wavChannels } from './peers/audio.ts';
import { registerArgs, sipp, ulawTone } from './peers/sipp.ts';

// Ports: switch SIP 16100, RTP 17100–17199; sipp 16110–16119, sipp RTP via -mp 16150 / -min_rtp_port.
const SIP = 16100;
const REMOTE = `127.0.0.1:${SIP}`;

test('a carrier call to DID 12319 reaches the registered agent; stereo recording caller left, agent right; a scanner is refused', async (t) => {
  if (!hasTool('sipp') || !hasTool('sox')) return t.skip('sipp or sox not installed');
  const rt = await startTestSwitch({
    sipPort: SIP,
    rtp: [17100, 17200],
    config: {
      extensions: [{ extension: '1003', password: 'sip-1003-demo', permission: 'local' }],
      trunks: [{ id: 'carrier', host: '127.0.0.1', port: 16110, allowFrom: ['127.0.0.1:16110'] }],
      dids: [{ did: '12319', target: { type: 'extension', extension: '1003' }, record: true }],
      outbound: [{ pattern: '^\\+86', trunkId: 'carrier' }],
    },
  });
  const control = await connectControl(rt);
  try {
    const reg = sipp({
      scenario: 'register.xml',
      remote: REMOTE,
      localPort: 16111,
      timeoutS: 10,
      args: registerArgs('1003', 'sip-1003-demo', 16112),
    });
    assert.equal(await reg.done, 0, `register failed, see ${reg.dir}`);
    const agent = sipp({
      scenario: 'uas-tone.xml',
      remote: REMOTE,
      localPort: 16112,
      timeoutS: 30,
      subst: { AUDIO: ulawTone(1000, 30) },
      args: ['-m', '1', '-mp', '16160', '-mi', '127.0.0.1'],
    });
    const caller = sipp({
      scenario: 'uac-wait-bye.xml',
      remote: REMOTE,
      localPort: 16110,
      timeoutS: 30,
      subst: { AUDIO: ulawTone(440, 30) },
      args: ['-s', '12319', '-key', 'caller', '13900001111', '-m', '1', '-mp', '16150', '-mi', '127.0.0.1'],
    });
    const offered = await control.waitEvent('leg.offered', (e) => e.did === '12319');
    assert.equal(offered.trunkId, 'carrier');
    assert.equal(offered.caller, '13900001111');
    await control.waitEvent('bridge.created');
    await sleep(3000);
    const hang = await control.command({ type: 'leg.hangup', legId: offered.legId });
    assert.equal(hang.ok, true);
    assert.equal(await caller.done, 0, `caller sipp failed, see ${caller.dir}`);
    assert.equal(await agent.done, 0, `agent sipp failed, see ${agent.dir}`);
    const rec = await control.waitEvent('recording.closed');
    assert.equal(rec.legIds[0], offered.legId, 'the caller is the left channel');
    const [left, right] = wavChannels(rec.path, 0.5).channels as [Int16Array, Int16Array];
    assert.ok(toneLevel(left, 440) > 5 * toneLevel(left, 1000), 'left = caller 440 Hz');
    assert.ok(toneLevel(right, 1000) > 5 * toneLevel(right, 440), 'right = agent 1000 Hz');
    assert.ok(toneLevel(left, 440) > 500 && toneLevel(right, 1000) > 500);
    const cdrs = control.events.filter((e) => e.type === 'leg.hungup');
    assert.equal(cdrs.length, 2);

    // Toll fraud: an unknown source dialling out without credentials gets 403 and an alert.
    const scanner = sipp({
      scenario: 'uac-expect-403.xml',
      remote: REMOTE,
      localPort: 16113,
      timeoutS: 10,
      args: ['-s', '0085223456789', '-m', '1', '-mp', '16170'],
    });
    assert.equal(await scanner.done, 0, `scanner was not refused with 403, see ${scanner.dir}`);
    const alert = await control.waitEvent('alert', (e) => e.kind === 'unauthenticated_external');
    assert.match(alert.detail, /0085223456789/);
    assert.equal(alert.source, '127.0.0.1:16113');
    assert.equal(rt.sw.legs.size, 0);
  } finally {
    await rt.close();
  }
});
