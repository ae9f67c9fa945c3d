import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectControl, DEMO_EXTENSIONS, hasTool, sleep, startTestSwitch } from './harness.ts';
import { wavChannels } from './peers/audio.ts';
import { Baresip } from './peers/baresip.ts';

// Ports: switch SIP 16350, RTP 17350–17399; baresip 16351–16389.
const SIP = 16350;

test('a call routed to control: answer, play, collect DTMF, record, say, hang up (baresip)', {
  timeout: 60_000,
}, async (t) => {
  if (!hasTool('baresip') || !hasTool('sox')) return t.skip('baresip or sox not installed');
  const rt = await startTestSwitch({
    sipPort: SIP,
    rtp: [17350, 17400],
    config: { extensions: DEMO_EXTENSIONS, dids: [{ did: '12319', target: { type: 'control', flow: 'main' } }] },
  });
  const control = await connectControl(rt);
  const caller = await Baresip.start({
    name: 'ivr1001',
    sipPort: 16351,
    ctrlPort: 16361,
    rtpPorts: '16370-16379',
    tone: 440,
    account: `<sip:1001@127.0.0.1:${SIP}>;auth_pass=sip-1001-demo;regint=600;answermode=auto;audio_codecs=pcma`,
  });
  try {
    await caller.waitRegistered();
    await caller.command('dial', `sip:12319@127.0.0.1:${SIP}`);
    const offered = await control.waitEvent('leg.offered');
    assert.deepEqual(
      [offered.routedBy, offered.flow, offered.did, offered.extension],
      ['control', 'main', '12319', '1001'],
    );
    const legId = offered.legId;
    // Early media before answer (183), then answer.
    const early = await control.command({ type: 'leg.play', legId, items: [{ tone: 'ringback', durationMs: 600 }] });
    assert.equal(early.ok, true);
    await control.waitEvent('leg.ringing', (e) => e.legId === legId && e.early);
    await control.waitEvent('leg.playDone', (e) => e.legId === legId);
    assert.equal((await control.command({ type: 'leg.answer', legId })).ok, true);
    await caller.waitEvent('CALL_ESTABLISHED');
    // Digits: RFC 4733 from the phone.
    assert.equal(
      (await control.command({ type: 'leg.collect', legId, maxDigits: 2, firstDigitTimeoutMs: 5000 })).ok,
      true,
    );
    await sleep(300);
    await caller.command('sndcode', '4');
    await sleep(400);
    await caller.command('sndcode', '2');
    const got = await control.waitEvent('leg.collected', (e) => e.legId === legId);
    assert.deepEqual([got.digits, got.reason], ['42', 'max']);
    // A short message recording of the caller (mono).
    const rec = await control.command({ type: 'leg.record', legId, maxMs: 1500 });
    assert.equal(rec.ok, true);
    const closed = await control.waitEvent(
      'recording.closed',
      (e) => e.recordingId === (rec.result as { recordingId: string }).recordingId,
    );
    assert.deepEqual(closed.legIds, [legId]);
    assert.equal(wavChannels(closed.path).channels.length, 1);
    assert.ok(closed.durationMs >= 1000, `recorded ${closed.durationMs} ms`);
    if (hasTool('espeak-ng')) {
      const say = await control.command({ type: 'leg.say', legId, text: '您好', playId: 'say-1' });
      assert.equal(say.ok, true, JSON.stringify(say.error));
      const done = await control.waitEvent('leg.playDone', (e) => e.playId === 'say-1');
      assert.equal(done.reason, 'done');
    }
    // Errors are coded: an unknown leg, a bad command.
    const nf = await control.command({ type: 'leg.answer', legId: 'no-such-leg' });
    assert.equal(nf.error?.code, 'not_found');
    assert.equal((await control.command({ type: 'leg.hangup', legId })).ok, true);
    await caller.waitEvent('CALL_CLOSED');
    const hung = await control.waitEvent('leg.hungup', (e) => e.legId === legId);
    assert.equal(hung.cause.by, 'local');
  } finally {
    caller.stop();
    await rt.close();
  }
});
