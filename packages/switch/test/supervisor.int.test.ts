import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectControl, DEMO_EXTENSIONS, hasTool, sleep, startTestSwitch } from './harness.ts';
import { toneLevel, wavChannels } from './peers/audio.ts';
import { Baresip } from './peers/baresip.ts';

// Ports: switch SIP 16450, RTP 17450–17499 (shared range with nothing else); baresip 16451–16499.
const SIP = 16450;

/** Dominant tones per half second of what a phone heard. */
function tonesHeard(file: string, freqs: number[]): string[] {
  const s = wavChannels(file, 0.3).channels[0] as Int16Array;
  const out: string[] = [];
  for (let o = 0; o + 4000 <= s.length; o += 4000) {
    const w = s.subarray(o, o + 4000);
    out.push(freqs.filter((f) => toneLevel(w, f) > 300).join('+') || '-');
  }
  return out;
}

test('supervisor listen (监听) then barge (强插) through the mixer, driven by call control (baresip)', {
  timeout: 60_000,
}, async (t) => {
  if (!hasTool('baresip') || !hasTool('sox')) return t.skip('baresip or sox not installed');
  const rt = await startTestSwitch({ sipPort: SIP, rtp: [17450, 17500], config: { extensions: DEMO_EXTENSIONS } });
  const control = await connectControl(rt);
  const phone = (ext: string, port: number, tone: number) =>
    Baresip.start({
      name: `s${ext}`,
      sipPort: port,
      ctrlPort: port + 10,
      rtpPorts: `${port + 20}-${port + 29}`,
      tone,
      account: `<sip:${ext}@127.0.0.1:${SIP}>;auth_pass=sip-${ext}-demo;regint=600;answermode=auto;audio_codecs=pcma`,
    });
  const caller = await phone('1001', 16451, 440);
  const agent = await phone('1002', 16453, 1000);
  const sup = await phone('1010', 16455, 700);
  try {
    await Promise.all([caller.waitRegistered(), agent.waitRegistered(), sup.waitRegistered()]);
    await caller.command('dial', `sip:1002@127.0.0.1:${SIP}`);
    const bridge = await control.waitEvent('bridge.created');
    const agentLeg = bridge.legIds.find((id) => rt.sw.legs.get(id)?.extension === '1002') as string;
    const o = await control.command({ type: 'leg.originate', to: '1010', near: agentLeg });
    assert.equal(o.ok, true, JSON.stringify(o.error));
    const supLeg = (o.result as { legId: string }).legId;
    await control.waitEvent('leg.answered', (e) => e.legId === supLeg);
    assert.equal((await control.command({ type: 'bridge.listen', bridgeId: bridge.bridgeId, legId: supLeg })).ok, true);
    await sleep(2500);
    assert.equal((await control.command({ type: 'bridge.barge', bridgeId: bridge.bridgeId, legId: supLeg })).ok, true);
    await sleep(2500);
    await control.command({ type: 'leg.hangup', legId: supLeg });
    await caller.command('hangup');
    await control.waitEvent('leg.hungup', (e) => e.legId === agentLeg);
    await sleep(300);
    const supHeard = tonesHeard(sup.receivedWavs().at(-1) as string, [440, 1000]);
    assert.ok(supHeard.filter((x) => x === '440+1000').length >= 3, `supervisor hears both: ${supHeard.join(' ')}`);
    const callerHeard = tonesHeard(caller.receivedWavs().at(-1) as string, [1000, 700]);
    const firstBarge = callerHeard.indexOf('1000+700');
    assert.ok(firstBarge > 2, `caller hears the supervisor only after barge: ${callerHeard.join(' ')}`);
    assert.ok(
      callerHeard.slice(0, firstBarge).every((x) => !x.includes('700')),
      `no 700 Hz before barge: ${callerHeard.join(' ')}`,
    );
  } finally {
    caller.stop();
    agent.stop();
    sup.stop();
    await rt.close();
  }
});
