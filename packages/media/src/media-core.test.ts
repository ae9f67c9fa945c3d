import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeadMediaDetector } from './dead-media.ts';
import { toneAmplitude } from './goertzel.ts';
import { JitterBuffer } from './jitter-buffer.ts';
import { hearingMatrix, MemberMode, mixFrames, soleSpeaker } from './mixer.ts';
import { OutboundStream } from './outbound-stream.ts';
import { Player } from './player.ts';
import { ReceiverStats } from './receiver-stats.ts';
import { RecorderCore } from './recorder.ts';

const frame = (v: number) => new Int16Array(160).fill(v);

test('jitter buffer reorders, conceals one loss, drops late and duplicates', () => {
  const jb = new JitterBuffer();
  jb.push(65535, frame(1));
  assert.equal(jb.pop(), undefined, 'not primed with one frame');
  jb.push(1, frame(3)); // seq wraps; 0 is missing for now
  jb.push(0, frame(2));
  jb.push(0, frame(2));
  assert.equal(jb.stats.duplicates, 1);
  assert.equal(jb.pop()!.samples[0], 1);
  assert.equal(jb.pop()!.samples[0], 2);
  assert.equal(jb.pop()!.samples[0], 3);
  jb.push(3, frame(100)); // 2 lost
  const c = jb.pop()!;
  assert.equal(c.concealed, true);
  assert.equal(c.samples[0], 1, 'previous frame at half gain (3 → 1)');
  assert.equal(jb.pop()!.samples[0], 100);
  jb.push(2, frame(9));
  assert.equal(jb.stats.late, 1);
});

test('outbound stream: one SSRC, continuous seq and wall-clock timestamps across source switches', () => {
  const o = new OutboundStream(42, 1000, 5000);
  const a1 = o.relay(7, 300, 90000, false, 0, 160);
  assert.deepEqual(a1, { sequenceNumber: 1000, timestamp: 5000, marker: true });
  const a2 = o.relay(7, 302, 90320, false, 40, 160); // source lost 301: the gap is preserved
  assert.deepEqual(a2, { sequenceNumber: 1002, timestamp: 5320, marker: false });
  // Switch to a prompt 100 ms later.
  const p1 = o.local(160, 140);
  assert.deepEqual(p1, { sequenceNumber: 1003, timestamp: 5320 + 800, marker: true });
  assert.deepEqual(o.local(160, 160), { sequenceNumber: 1004, timestamp: 6280, marker: false });
  // Back to a new bridged source with a random seq/ts.
  const b1 = o.relay(8, 65535, 4294967200, false, 180, 160);
  assert.deepEqual(b1, { sequenceNumber: 1005, timestamp: 6440, marker: true });
  assert.deepEqual(o.relay(8, 0, 64, false, 200, 160), { sequenceNumber: 1006, timestamp: 6600, marker: false });
  const ev = o.eventStart(220);
  assert.equal(ev, 6760);
  assert.deepEqual(o.event(ev, true, 220), { sequenceNumber: 1007, timestamp: 6760, marker: true });
  assert.deepEqual(o.event(ev, false, 240), { sequenceNumber: 1008, timestamp: 6760, marker: false });
  // Two events in a row get distinct timestamps (the second starts 100 ms after the first).
  assert.equal(o.eventStart(320), 6760 + 800);
});

test('receiver stats: loss and A.8 jitter; report block fraction', () => {
  const s = new ReceiverStats(1, 10);
  for (let i = 0; i < 100; i++) if (i % 10 !== 5) s.onPacket((10 + i) & 0xffff, i * 160, i * 20);
  let snap = s.snapshot();
  assert.equal(snap.expected, 99 + 1 - 0);
  assert.equal(snap.lost, 10);
  assert.ok(snap.jitterMs < 0.01, 'perfectly paced: zero jitter');
  const rb = s.reportBlock(2000);
  assert.equal(rb.cumulativeLost, 10);
  assert.equal(rb.fractionLost, Math.floor((10 * 256) / 100));
  // Alternate 10 ms early/late: |D| = 20 ms = 160 units each packet → jitter converges to 160 units.
  const j = new ReceiverStats(2, 0);
  for (let i = 0; i < 400; i++) j.onPacket(i, i * 160, i * 20 + (i % 2 ? 10 : 0));
  snap = j.snapshot();
  assert.ok(Math.abs(snap.jitterMs - 10) < 0.5, `jitter ${snap.jitterMs}`);
});

test('mixer: conference hears the others; listen/whisper/barge as a matrix', () => {
  const ids = ['caller', 'agent', 'sup'];
  const m = (mode: MemberMode) =>
    hearingMatrix([
      { id: 'caller', mode: 'full' },
      { id: 'agent', mode: 'full' },
      { id: 'sup', mode, whisperTo: 'agent' },
    ]);
  const listen = m(MemberMode.Listen);
  assert.deepEqual(listen, [
    [false, true, false],
    [true, false, false],
    [true, true, false],
  ]);
  const whisper = m(MemberMode.Whisper);
  assert.deepEqual(whisper[1], [true, false, true]);
  assert.deepEqual(whisper[0], [false, true, false]);
  const barge = m(MemberMode.Barge);
  assert.deepEqual(barge[0], [false, true, true]);
  assert.equal(soleSpeaker(listen[0]!), 1);
  assert.equal(soleSpeaker(barge[0]!), undefined);
  const out = mixFrames([frame(100), frame(20000), frame(20000)], barge);
  assert.equal(out[0]![0], 32767, 'clamped');
  assert.equal(out[2]![0], 20100);
  assert.equal(mixFrames([undefined, undefined, frame(1)], listen)[0], undefined);
  assert.equal(ids.length, 3);
});

test('recorder core: stereo interleaves caller left / agent right; pause drops audio; illegal move throws', () => {
  const r = new RecorderCore('stereo');
  const b = r.tick(frame(1000), frame(-2))!;
  const dv = new DataView(b.buffer);
  assert.equal(dv.getInt16(0, true), 1000);
  assert.equal(dv.getInt16(2, true), -2);
  r.pause();
  assert.equal(r.tick(frame(1), frame(1)), undefined);
  r.resume();
  assert.equal(r.tick(undefined, frame(5))!.length, 640);
  const mono = new RecorderCore('mono').tick(frame(30000), frame(30000))!;
  assert.equal(new DataView(mono.buffer).getInt16(0, true), 32767);
  r.stop();
  assert.throws(() => r.resume(), /illegal|not allowed/);
});

test('player: sequence, tone with duration, loop, stop', () => {
  const p = new Player([
    { kind: 'audio', samples: new Int16Array(200).fill(7) },
    { kind: 'silence', ms: 10 },
    { kind: 'tone', tone: 'dial', durationMs: 20 },
  ]);
  const out = new Int16Array(160);
  assert.equal(p.next(out), 'playing');
  assert.equal(out[159], 7);
  assert.equal(p.next(out), 'playing');
  assert.equal(out[39], 7);
  assert.equal(out[40], 0, 'silence');
  assert.ok(toneAmplitude(out.subarray(120, 160), 450) > 3000, 'tone starts after 40+80 samples');
  assert.equal(p.next(out), 'playing');
  assert.equal(p.next(out), 'done');
  const loop = new Player([{ kind: 'audio', samples: new Int16Array(100).fill(3) }], { loop: true, stopOnDtmf: true });
  for (let i = 0; i < 10; i++) assert.equal(loop.next(out), 'playing');
  assert.ok(out.every((v) => v === 3));
  loop.stop();
  assert.equal(loop.next(out), 'done');
  assert.equal(new Player([]).next(out), 'done');
});

test('dead media: once per silent stretch, re-armed by a packet', () => {
  const d = new DeadMediaDetector(0, 1000);
  assert.equal(d.poll(999), false);
  assert.equal(d.poll(1000), true);
  assert.equal(d.poll(5000), false);
  d.onPacket(6000);
  assert.equal(d.poll(6500), false);
  assert.equal(d.poll(7000), true);
});

test('jitter buffer slots: decode in place, no frame lost to the ring, overflow bounded', () => {
  const jb = new JitterBuffer();
  for (let s = 10; s < 14; s++) jb.reserve(s, 160)!.fill(s);
  assert.equal(jb.reserve(11, 160), undefined, 'duplicate');
  for (let s = 10; s < 14; s++) assert.equal(jb.pop()!.samples[0], s);
  // A burst far ahead (after starvation): depth stays bounded, the playout point follows.
  for (let s = 14; s < 40; s++) jb.reserve(s, 160)!.fill(s);
  assert.equal(jb.depth, 8);
  assert.equal(jb.pop()!.samples[0], 32);
  assert.equal(jb.stats.overflowDropped, 18);
  // Frames of another length (30 ms ptime) get their own slot size.
  jb.reset();
  jb.push(1, new Int16Array(240).fill(7));
  jb.push(2, new Int16Array(240).fill(8));
  assert.equal(jb.pop()!.samples.length, 240);
});

test('recorder core: tickInto writes at an offset what tick returns', () => {
  const r = new RecorderCore('stereo');
  const out = new Uint8Array(2000);
  assert.equal(r.tickInto(frame(1000), frame(-2), out, 100), r.frameBytes);
  assert.deepEqual(out.subarray(100, 100 + r.frameBytes), r.tick(frame(1000), frame(-2)));
  r.pause();
  assert.equal(r.tickInto(frame(1), frame(1), out), 0);
});
