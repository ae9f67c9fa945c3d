import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { toneAmplitude } from '../goertzel.ts';
import type { MemberMode } from '../mixer.ts';
import { decodeWav } from '../wav.ts';
import { MediaEngine } from './media-engine.ts';
import type { MediaEvent } from './protocol.ts';
import { RtpPeer } from './rtp-peer.test-helper.ts';

const CALLER_HZ = 440;
const AGENT_HZ = 1000;
const SUP_HZ = 2000;
const HEARD = 1500;
const SILENT = 300;
const hasSox = spawnSync('sox', ['--version']).status === 0;

let engine: MediaEngine;
const events: MediaEvent[] = [];
before(async () => {
  engine = new MediaEngine({ workers: 2, bindAddress: '127.0.0.1', portMin: 20000, portMax: 20400, deadMediaMs: 600 });
  await engine.start();
  engine.events.on((e) => events.push(e));
});
after(async () => {
  await engine.stop();
});

async function leg(toneHz: number | undefined, near?: string) {
  const peer = await RtpPeer.open(toneHz);
  const ep = await engine.allocate(near === undefined ? {} : { near });
  await engine.setRemote(ep.endpointId, { address: '127.0.0.1', port: peer.port });
  await engine.setCodec(ep.endpointId, { codec: 'PCMU', payloadType: 0, dtmfPayloadType: 101 });
  peer.start(ep.port);
  return { peer, id: ep.endpointId, port: ep.port };
}

function tones(peer: RtpPeer) {
  const s = peer.lastMs(400);
  return {
    caller: toneAmplitude(s, CALLER_HZ),
    agent: toneAmplitude(s, AGENT_HZ),
    sup: toneAmplitude(s, SUP_HZ),
    n: s.length,
  };
}

/** sox's own view of one channel: `stat -freq` spectrum, summed ±30 Hz around each frequency. */
function soxBand(file: string, channel: number, hz: number): number {
  const r = spawnSync('sox', [file, '-n', 'remix', String(channel), 'stat', '-freq'], { encoding: 'utf8' });
  let sum = 0;
  for (const line of r.stderr.split('\n')) {
    const m = /^\s*([\d.]+)\s+([\d.e+-]+)\s*$/.exec(line);
    if (m && Math.abs(Number(m[1]) - hz) <= 30) sum += Number(m[2]);
  }
  return sum;
}

test('bridge + supervisor modes: who hears which tone, measured over real RTP; stereo recording L=caller R=agent', async () => {
  const caller = await leg(CALLER_HZ);
  const agent = await leg(AGENT_HZ, caller.id);
  const sup = await leg(SUP_HZ, caller.id);
  const dir = mkdtempSync(join(tmpdir(), 'media-int-'));
  const path = join(dir, 'call.wav');
  try {
    await engine.bridge('b1', [
      { id: caller.id, mode: 'full' },
      { id: agent.id, mode: 'full' },
    ]);
    const rec = await engine.recordStart({ path, caller: caller.id, agent: agent.id, channels: 'stereo' });
    await sleep(700);
    let c = tones(caller.peer);
    let a = tones(agent.peer);
    assert.ok(c.n >= 3000, `caller received audio (${c.n} samples)`);
    assert.ok(c.agent > HEARD && c.caller < SILENT, `caller hears agent only ${JSON.stringify(c)}`);
    assert.ok(a.caller > HEARD && a.agent < SILENT, `agent hears caller only ${JSON.stringify(a)}`);

    const report: Record<string, unknown> = {};
    for (const mode of ['listen', 'whisper', 'barge'] as MemberMode[]) {
      await engine.bridge('b1', [
        { id: caller.id, mode: 'full' },
        { id: agent.id, mode: 'full' },
        { id: sup.id, mode, whisperTo: agent.id },
      ]);
      for (const p of [caller.peer, agent.peer, sup.peer]) p.clear();
      await sleep(600);
      c = tones(caller.peer);
      a = tones(agent.peer);
      const s = tones(sup.peer);
      report[mode] = { caller: c, agent: a, sup: s };
      const ctx = `${mode}: ${JSON.stringify(report[mode])}`;
      // Supervisor hears both parties in every mode.
      assert.ok(s.caller > HEARD && s.agent > HEARD && s.sup < SILENT, ctx);
      assert.ok(c.agent > HEARD && c.caller < SILENT, ctx);
      assert.ok(a.caller > HEARD && a.agent < SILENT, ctx);
      if (mode === 'listen') {
        assert.ok(c.sup < SILENT && a.sup < SILENT, `listen: nobody hears the supervisor ${ctx}`);
      } else if (mode === 'whisper') {
        assert.ok(a.sup > HEARD, `whisper: agent hears the supervisor ${ctx}`);
        assert.ok(c.sup < SILENT, `whisper: caller does not ${ctx}`);
      } else {
        assert.ok(a.sup > HEARD && c.sup > HEARD, `barge: both hear the supervisor ${ctx}`);
      }
    }
    const closed = await engine.recordStop(rec);
    assert.ok(closed.durationMs > 2000, `duration ${closed.durationMs}`);
    assert.equal(closed.sha256, createHash('sha256').update(readFileSync(path)).digest('hex'));
    await sleep(20);
    assert.ok(events.some((e) => e.type === 'recordingClosed' && e.recordingId === rec && e.sha256 === closed.sha256));
    const wav = readFileSync(path);
    assert.equal(wav.readUInt16LE(22), 2, 'stereo');
    const pcm = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
    const left = pcm.filter((_, i) => i % 2 === 0).slice(4000, 12000);
    const right = pcm.filter((_, i) => i % 2 === 1).slice(4000, 12000);
    const amps = {
      l440: toneAmplitude(left, CALLER_HZ),
      l1k: toneAmplitude(left, AGENT_HZ),
      r440: toneAmplitude(right, CALLER_HZ),
      r1k: toneAmplitude(right, AGENT_HZ),
    };
    assert.ok(amps.l440 > 5000 && amps.l1k < SILENT, `left = caller ${JSON.stringify(amps)}`);
    assert.ok(toneAmplitude(right, AGENT_HZ) > 5000 && toneAmplitude(right, CALLER_HZ) < SILENT, 'right = agent');
    assert.ok(decodeWav(wav).ok);
    if (hasSox) {
      const info = execFileSync('soxi', [path], { encoding: 'utf8' });
      assert.match(info, /Channels\s*: 2/);
      assert.ok(
        soxBand(path, 1, CALLER_HZ) > 10 * soxBand(path, 1, AGENT_HZ),
        'sox: left channel is the 440 Hz caller',
      );
      assert.ok(soxBand(path, 2, AGENT_HZ) > 10 * soxBand(path, 2, CALLER_HZ), 'sox: right channel is the 1 kHz agent');
    }
    console.log(JSON.stringify({ measured: report }, (_k, v) => (typeof v === 'number' ? Math.round(v) : v)));
  } finally {
    for (const l of [caller, agent, sup]) {
      l.peer.close();
      await engine.release(l.id);
    }
  }
});

test('conference of four: each hears the sum of the others', async () => {
  const hz = [440, 1000, 2000, 3000];
  const legs = [await leg(hz[0])];
  for (const f of hz.slice(1)) legs.push(await leg(f, legs[0]!.id));
  try {
    await engine.bridge(
      'conf',
      legs.map((l) => ({ id: l.id, mode: 'full' as const })),
    );
    await sleep(600);
    legs.forEach((l, i) => {
      const s = l.peer.lastMs(400);
      hz.forEach((f, j) => {
        const amp = toneAmplitude(s, f);
        if (i === j) assert.ok(amp < SILENT, `party ${i} must not hear itself (${amp})`);
        else assert.ok(amp > HEARD, `party ${i} hears ${f} Hz (${amp})`);
      });
    });
  } finally {
    for (const l of legs) {
      l.peer.close();
      await engine.release(l.id);
    }
  }
});
