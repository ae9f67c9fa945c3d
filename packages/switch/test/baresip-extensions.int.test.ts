import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectControl, DEMO_EXTENSIONS, hasTool, sleep, startTestSwitch } from './harness.ts';
import { toneLevel, wavChannels } from './peers/audio.ts';
import { Baresip } from './peers/baresip.ts';

// Ports: switch SIP 16000, switch RTP 17000–17099, baresip 16001–16039 (baresip binds SIP TLS on sip+1).
const SIP = 16000;

test('two baresip extensions register and call each other: audio both ways (tones), recording, CDRs', async (t) => {
  if (!hasTool('baresip') || !hasTool('sox')) return t.skip('baresip or sox not installed');
  const rt = await startTestSwitch({ sipPort: SIP, rtp: [17000, 17100], config: { extensions: DEMO_EXTENSIONS } });
  const control = await connectControl(rt);
  const a = await Baresip.start({
    name: 'a1001',
    sipPort: 16001,
    ctrlPort: 16011,
    rtpPorts: '16020-16029',
    tone: 440,
    account: `<sip:1001@127.0.0.1:${SIP}>;auth_pass=sip-1001-demo;regint=600;answermode=auto;audio_codecs=pcma,pcmu`,
  });
  const b = await Baresip.start({
    name: 'b1002',
    sipPort: 16003,
    ctrlPort: 16013,
    rtpPorts: '16030-16039',
    tone: 1000,
    account: `<sip:1002@127.0.0.1:${SIP}>;auth_pass=sip-1002-demo;regint=600;answermode=auto;audio_codecs=pcma,pcmu`,
  });
  try {
    await a.waitRegistered();
    await b.waitRegistered();
    await control.waitEvent('endpoint.registered', (e) => e.extension === '1002');
    await a.command('dial', `sip:1002@127.0.0.1:${SIP}`);
    await a.waitEvent('CALL_ESTABLISHED');
    await b.waitEvent('CALL_ESTABLISHED');
    const bridged = await control.waitEvent('bridge.created');
    assert.equal(bridged.legIds.length, 2);
    await sleep(3000);
    await a.command('hangup');
    const hungA = await control.waitEvent('leg.hungup', (e) => e.cdr.extension === '1001');
    const hungB = await control.waitEvent('leg.hungup', (e) => e.cdr.extension === '1002');
    assert.equal(hungA.cause.by, 'remote');
    assert.equal(hungA.cause.q850, 16);
    assert.ok(hungA.cdr.answeredAt && hungB.cdr.answeredAt);
    assert.equal(hungB.cause.by, 'local');
    const rec = await control.waitEvent('recording.closed');
    assert.match(rec.path, /recordings\/\d{4}\/\d{2}\/\d{2}\/.+\.wav$/);
    assert.match(rec.sha256, /^[0-9a-f]{64}$/);
    assert.ok(rec.durationMs > 2000, `recording lasted ${rec.durationMs} ms`);
    await sleep(300);
    // What each phone heard: A hears B's 1000 Hz, B hears A's 440 Hz.
    const heardByA = wavChannels(a.receivedWavs().at(-1) as string, 0.5).channels[0] as Int16Array;
    const heardByB = wavChannels(b.receivedWavs().at(-1) as string, 0.5).channels[0] as Int16Array;
    assert.ok(toneLevel(heardByA, 1000) > 5 * toneLevel(heardByA, 440), 'A hears 1000 Hz');
    assert.ok(toneLevel(heardByB, 440) > 5 * toneLevel(heardByB, 1000), 'B hears 440 Hz');
    assert.ok(toneLevel(heardByA, 1000) > 1000, `A level ${toneLevel(heardByA, 1000)}`);
    // The recording: caller (1001, 440 Hz) left, callee (1002, 1000 Hz) right.
    const [left, right] = wavChannels(rec.path, 0.5).channels as [Int16Array, Int16Array];
    assert.ok(toneLevel(left, 440) > 5 * toneLevel(left, 1000), 'left = caller');
    assert.ok(toneLevel(right, 1000) > 5 * toneLevel(right, 440), 'right = callee');
  } finally {
    a.stop();
    b.stop();
    await rt.close();
  }
});
