import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { toneAmplitude } from '../goertzel.ts';
import { serializeRtp } from '../rtp-packet.ts';
import { dtmfToneSamples, ToneGenerator } from '../tone-generator.ts';
import { decodeWav, encodeWav } from '../wav.ts';
import { MediaEngine } from './media-engine.ts';
import type { MediaEvent } from './protocol.ts';
import { RtpPeer } from './rtp-peer.test-helper.ts';

let engine: MediaEngine;
const events: MediaEvent[] = [];
const dir = mkdtempSync(join(tmpdir(), 'media-feat-'));
before(async () => {
  engine = new MediaEngine({ workers: 2, bindAddress: '127.0.0.1', portMin: 20400, portMax: 20800, deadMediaMs: 600 });
  await engine.start();
  engine.events.on((e) => events.push(e));
});
after(() => engine.stop());

async function leg(toneHz?: number, opts: { noTelephoneEvent?: boolean } = {}) {
  const dtmfPayloadType = opts.noTelephoneEvent ? undefined : 101;
  const peer = await RtpPeer.open(toneHz);
  const ep = await engine.allocate();
  await engine.setRemote(ep.endpointId, { address: '127.0.0.1', port: peer.port });
  await engine.setCodec(ep.endpointId, { codec: 'PCMU', payloadType: 0, dtmfPayloadType });
  peer.start(ep.port);
  return { peer, id: ep.endpointId };
}

async function waitFor<T extends MediaEvent>(pred: (e: MediaEvent) => e is T, ms = 3000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const e = events.find(pred);
    if (e) return e;
    if (Date.now() - t0 > ms) throw new Error('event did not arrive');
    await sleep(20);
  }
}

test('play: a 48 kHz stereo WAV then a busy tone; playDone when finished', async () => {
  // 0.5 s of 1 kHz at 48 kHz stereo, written by hand (any format is converted to 8 kHz mono).
  const s48 = new Int16Array(24000 * 2);
  for (let i = 0; i < 24000; i++)
    s48[2 * i] = s48[2 * i + 1] = Math.round(8000 * Math.sin((2 * Math.PI * 1000 * i) / 48000));
  const file = join(dir, 'prompt48k.wav');
  writeFileSync(file, encodeWav(s48, 48000, 2));
  const { peer, id } = await leg();
  try {
    const playId = await engine.play(id, [{ file }, { tone: 'busy', durationMs: 300 }]);
    await sleep(450);
    const heard = peer.lastMs(300);
    assert.ok(toneAmplitude(heard, 1000) > 5000, `prompt audible (${toneAmplitude(heard, 1000)})`);
    const done = await waitFor(
      (e): e is Extract<MediaEvent, { type: 'playDone' }> => e.type === 'playDone' && e.playId === playId,
    );
    assert.equal(done.reason, 'done');
    assert.ok(toneAmplitude(peer.lastMs(400), 450) > 3000, 'then the 450 Hz busy tone');
    const bad = await engine.play(id, [{ file: join(dir, 'missing.wav') }]);
    const err = await waitFor(
      (e): e is Extract<MediaEvent, { type: 'playDone' }> => e.type === 'playDone' && e.playId === bad,
    );
    assert.equal(err.reason, 'error');
  } finally {
    peer.close();
    await engine.release(id);
  }
});

test('music on hold loops until an RFC 4733 digit stops it; the digit is reported once', async () => {
  const { peer, id } = await leg();
  try {
    const playId = await engine.play(id, [{ tone: 'ringback', durationMs: 100 }], { loop: true, stopOnDtmf: true });
    await sleep(300);
    assert.equal(
      events.some((e) => e.type === 'playDone' && e.playId === playId),
      false,
      'still looping',
    );
    peer.sendDigit('5', 120);
    const done = await waitFor(
      (e): e is Extract<MediaEvent, { type: 'playDone' }> => e.type === 'playDone' && e.playId === playId,
    );
    assert.equal(done.reason, 'dtmf');
    await sleep(300);
    const digits = events.filter((e) => e.type === 'dtmf' && e.endpointId === id);
    assert.deepEqual(
      digits.map((d) => (d.type === 'dtmf' ? [d.digit, d.source] : [])),
      [['5', 'rfc4733']],
    );
  } finally {
    peer.close();
    await engine.release(id);
  }
});

test('in-band DTMF when no telephone-event was negotiated', async () => {
  const { peer, id } = await leg(undefined, { noTelephoneEvent: true });
  try {
    for (const d of '7#') peer.sendSamples(dtmfToneSamples(d, 100, 100));
    await sleep(800);
    const got = events.filter((e) => e.type === 'dtmf' && e.endpointId === id);
    assert.deepEqual(
      got.map((d) => (d.type === 'dtmf' ? `${d.digit}:${d.source}` : '')),
      ['7:inband', '#:inband'],
    );
  } finally {
    peer.close();
    await engine.release(id);
  }
});

test('sendDtmf: the far end decodes 1 2 # from our RFC 4733 packets', async () => {
  const { peer, id } = await leg();
  try {
    await engine.sendDtmf(id, '12#', 80);
    await sleep(900);
    assert.deepEqual(
      peer.digits.map((d) => d.digit),
      ['1', '2', '#'],
    );
    await assert.rejects(engine.sendDtmf(id, 'x'), /not a DTMF digit/);
  } finally {
    peer.close();
    await engine.release(id);
  }
});

test('symmetric RTP latches to the real source; malformed packets are counted; dead media reported', async () => {
  const peer = await RtpPeer.open(440);
  const ep = await engine.allocate();
  // SDP said port 9 (discard) — behind NAT the packets really come from peer.port.
  await engine.setRemote(ep.endpointId, { address: '127.0.0.1', port: 9 });
  await engine.setCodec(ep.endpointId, { codec: 'PCMU', payloadType: 0, dtmfPayloadType: 101 });
  try {
    peer.start(ep.port);
    peer.sendRaw(new Uint8Array([0x80, 0, 1]));
    peer.sendRaw(
      serializeRtp({
        payloadType: 0,
        marker: false,
        sequenceNumber: 1,
        timestamp: 1,
        ssrc: 1,
        payload: new Uint8Array(0),
      }).subarray(0, 8),
    );
    await engine.play(ep.endpointId, [{ tone: 'dial' }]);
    await sleep(400);
    const st = await engine.stats(ep.endpointId);
    assert.equal(st.latched, true);
    assert.equal(st.remote?.port, peer.port);
    assert.ok(st.malformed >= 2, `malformed ${st.malformed}`);
    assert.ok(st.inbound && st.inbound.received > 5);
    assert.ok(toneAmplitude(peer.lastMs(200), 450) > 3000, 'our audio goes to the latched address');
    peer.pause();
    const dead = await waitFor(
      (e): e is Extract<MediaEvent, { type: 'deadMedia' }> => e.type === 'deadMedia' && e.endpointId === ep.endpointId,
      2000,
    );
    assert.equal(dead.silentMs, 600);
  } finally {
    peer.close();
    const final = await engine.release(ep.endpointId);
    assert.ok(final && final.packetsSent > 0);
  }
});

test('commands on unknown endpoints fail with not_found; cross-worker bridge is a conflict', async () => {
  await assert.rejects(
    engine.setDirection('nope', 'sendrecv'),
    (e: Error & { code?: string }) => e.code === 'not_found',
  );
  const a = await engine.allocate();
  const b = await engine.allocate(); // least-loaded placement puts it on the other worker
  try {
    assert.throws(
      () =>
        engine.bridge('x', [
          { id: a.endpointId, mode: 'full' },
          { id: b.endpointId, mode: 'full' },
        ]),
      /another media worker/,
    );
  } finally {
    await engine.release(a.endpointId);
    await engine.release(b.endpointId);
  }
});

test('kill -9 during a recording: the file is repaired when the engine starts again', async () => {
  const path = join(dir, 'killed.wav');
  const child = spawn(process.execPath, [join(import.meta.dirname, '__fixtures__', 'record-then-hang.ts'), path], {
    env: { ...process.env, PORT_MIN: '20800' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.on('data', (d) => String(d).includes('recording') && resolve()));
  await sleep(3500);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const size = statSync(path).size;
  assert.ok(size >= 44 + 2 * 16000, `audio was written before the kill (${size} bytes)`);
  const again = new MediaEngine({
    workers: 1,
    bindAddress: '127.0.0.1',
    portMin: 20840,
    portMax: 20880,
    recordingsDir: dir,
  });
  await again.start();
  await again.stop();
  const wav = readFileSync(path);
  assert.equal(wav.readUInt32LE(40), wav.length - 44, 'data size matches the file');
  assert.equal(wav.readUInt32LE(4), wav.length - 8);
  const r = decodeWav(wav);
  assert.ok(r.ok);
  assert.ok(toneAmplitude(r.value.mono.subarray(8000, 16000), 440) > 0.1, 'the caller tone is in the repaired file');
  if (spawnSync('soxi', ['-D', path]).status === 0) {
    const secs = Number(spawnSync('soxi', ['-D', path], { encoding: 'utf8' }).stdout);
    assert.ok(Math.abs(secs - (wav.length - 44) / 16000) < 0.01, `soxi reads ${secs} s`);
  }
  void ToneGenerator;
});
