import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectControl, DEMO_EXTENSIONS, hasTool, sleep, startTestSwitch } from './harness.ts';
import { toneLevel, wavChannels } from './peers/audio.ts';
import { Baresip } from './peers/baresip.ts';

// Ports: switch SIP 16400, RTP 17400–17499; baresip 16401–16449 (each phone binds SIP TLS on sip+1).
const SIP = 16400;

test('hold/unhold both ways, blind transfer by SIP REFER, attended transfer by call control (baresip)', {
  timeout: 90_000,
}, async (t) => {
  if (!hasTool('baresip') || !hasTool('sox')) return t.skip('baresip or sox not installed');
  const rt = await startTestSwitch({ sipPort: SIP, rtp: [17400, 17500], config: { extensions: DEMO_EXTENSIONS } });
  const control = await connectControl(rt);
  const phone = (ext: string, port: number, tone: number) =>
    Baresip.start({
      name: `p${ext}`,
      sipPort: port,
      ctrlPort: port + 10,
      rtpPorts: `${port + 20}-${port + 29}`,
      tone,
      account: `<sip:${ext}@127.0.0.1:${SIP}>;auth_pass=sip-${ext}-demo;regint=600;answermode=auto;audio_codecs=pcma`,
    });
  const a = await phone('1001', 16401, 440);
  const b = await phone('1002', 16403, 1000);
  const c = await phone('1003', 16405, 700);
  try {
    await Promise.all([a.waitRegistered(), b.waitRegistered(), c.waitRegistered()]);
    await a.command('dial', `sip:1002@127.0.0.1:${SIP}`);
    await a.waitEvent('CALL_ESTABLISHED');
    await control.waitEvent('bridge.created');
    const legA = [...rt.sw.legs.values()].find((l) => l.extension === '1001' && l.direction === 'inbound');
    const legB = [...rt.sw.legs.values()].find((l) => l.extension === '1002');
    assert.ok(legA && legB);

    // The phone holds us (re-INVITE sendonly) and resumes.
    await a.command('hold');
    await control.waitEvent('leg.held', (e) => e.legId === legA.id && e.by === 'remote');
    assert.equal(legA.hold, 'remote');
    await a.command('resume');
    await control.waitEvent('leg.unheld', (e) => e.legId === legA.id && e.by === 'remote');
    // Control holds a phone (we send sendonly) and resumes it.
    assert.equal((await control.command({ type: 'leg.hold', legId: legB.id })).ok, true);
    assert.equal(legB.hold, 'local', JSON.stringify(control.events.slice(-4)));
    assert.equal((await control.command({ type: 'leg.unhold', legId: legB.id })).ok, true);
    assert.equal(legB.hold, 'none');

    // Blind transfer: A REFERs B to 1003 (C); B and C talk, A leaves.
    await a.command('transfer', `sip:1003@127.0.0.1:${SIP}`);
    await c.waitEvent('CALL_ESTABLISHED');
    await control.waitEvent('leg.transferred', (e) => e.legId === legA.id && e.kind === 'blind');
    const bc = await control.waitEvent(
      'bridge.created',
      (e) => e.legIds.includes(legB.id) && !e.legIds.includes(legA.id),
    );
    const legC = rt.sw.legs.get(bc.legIds.find((id) => id !== legB.id) as string);
    assert.equal(legC?.extension, '1003');
    await control.waitEvent('leg.hungup', (e) => e.legId === legA.id);
    await sleep(2500);

    // Attended transfer by call control: B consults A (B leaves C), then C is connected to A.
    assert.equal((await control.command({ type: 'bridge.remove', bridgeId: bc.bridgeId, legId: legB.id })).ok, true);
    const orig = await control.command({ type: 'leg.originate', to: '1001', bridgeWith: legB.id });
    assert.equal(orig.ok, true, JSON.stringify(orig.error));
    const legA2 = (orig.result as { legId: string }).legId;
    await control.waitEvent('bridge.created', (e) => e.legIds.includes(legA2));
    const done = await control.command({ type: 'bridge.create', legIds: [legC?.id as string, legA2] });
    assert.equal(done.ok, true, JSON.stringify(done.error));
    assert.equal((await control.command({ type: 'leg.hangup', legId: legB.id })).ok, true);
    await control.waitEvent('leg.hungup', (e) => e.legId === legB.id);
    await sleep(2500);
    // A control-made bridge leaves the rest to control when one side hangs up.
    await control.command({ type: 'leg.hangup', legId: legA2 });
    await control.waitEvent('bridge.left', (e) => e.legId === legA2);
    assert.equal(legC?.live, true);
    await control.command({ type: 'leg.hangup', legId: legC?.id as string });
    await control.waitEvent('leg.hungup', (e) => e.legId === legC?.id);

    // C heard B (1000 Hz) after the blind transfer, then A (440 Hz) after the attended one.
    const heardByC = wavChannels(c.receivedWavs().at(-1) as string, 0.3).channels[0] as Int16Array;
    // Dominant tone per half second: 1000 Hz (B) must come first, 440 Hz (A) later.
    const seq: number[] = [];
    for (let o = 0; o + 4000 <= heardByC.length; o += 4000) {
      const w = heardByC.subarray(o, o + 4000);
      const hi = toneLevel(w, 1000);
      const lo = toneLevel(w, 440);
      if (hi > 300 && hi > 3 * lo) seq.push(1000);
      else if (lo > 300 && lo > 3 * hi) seq.push(440);
    }
    const firstB = seq.indexOf(1000);
    assert.ok(firstB >= 0, `C never heard B: ${seq.join(',')}`);
    assert.ok(seq.indexOf(440, firstB) > firstB, `C never heard A after B: ${seq.join(',')}`);
  } catch (e) {
    console.error(
      control.events
        .map(
          (x) =>
            `${x.type}:${'legId' in x ? x.legId.slice(0, 4) : ''}${'legIds' in x ? x.legIds.map((y) => y.slice(0, 4)).join('+') : ''}`,
        )
        .join(' '),
    );
    throw e;
  } finally {
    a.stop();
    b.stop();
    c.stop();
    await rt.close();
  }
});
