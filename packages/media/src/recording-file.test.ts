import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_BACKLOG_MS, RecordingFile, repairRecordingsIn, WriteQueue } from './recording-file.ts';
import { decodeWav, wavHeader } from './wav.ts';

test('recording file: sizes rewritten while recording, final hash equals sha256 of the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rec-'));
  const path = join(dir, 'a.wav');
  const f = await RecordingFile.open(path, 'stereo', 0);
  for (let t = 0; t <= 3000; t += 20) f.append(new Uint8Array(640).fill(1), t);
  await f.settled();
  // After 2 s the header already describes at least the flushed audio.
  const mid = readFileSync(path);
  const dv = new DataView(mid.buffer, mid.byteOffset);
  assert.ok(dv.getUint32(40, true) >= 2 * 32000 - 640);
  assert.ok(dv.getUint32(40, true) <= mid.length - 44, 'the header never claims more than is on disk');
  const c = await f.close();
  assert.equal(c.durationMs, 3020);
  assert.equal(c.sha256, createHash('sha256').update(readFileSync(path)).digest('hex'));
  assert.equal(c.bytes, statSync(path).size);
});

test('repair: a file cut mid-write (header sizes stale, partial frame) becomes valid', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rep-'));
  const path = join(dir, '2026', 'x.wav');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(dir, '2026'));
  const body = new Uint8Array(8000 * 4 + 3).fill(2);
  const file = new Uint8Array(44 + body.length);
  file.set(wavHeader(8000, 2, 640)); // stale: as if last rewritten long ago
  file.set(body, 44);
  writeFileSync(path, file);
  writeFileSync(join(dir, 'ok.wav'), wavHeader(8000, 1, 0));
  assert.deepEqual(await repairRecordingsIn(dir), [path]);
  const r = decodeWav(readFileSync(path));
  assert.ok(r.ok);
  assert.equal(r.value.mono.length, 8000);
  assert.equal(statSync(path).size, 44 + 32000);
  assert.deepEqual(await repairRecordingsIn(dir), [], 'idempotent');
  truncateSync(path, 20);
  assert.deepEqual(await repairRecordingsIn(dir), [], 'not a WAV we wrote: left alone');
});

test('recording file: a stalled disk never blocks appends; past MAX_BACKLOG_MS the recording fails, memory bounded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rec-'));
  const writes = new WriteQueue(1);
  let release!: () => void;
  // Another recording's write holds the only slot: this file's writes cannot start.
  const stall = writes.run(() => new Promise<void>((r) => (release = r)));
  const f = await RecordingFile.open(join(dir, 'slow.wav'), 'stereo', 0, 8000, writes);
  for (let t = 0; t < MAX_BACKLOG_MS - 1000; t += 20) {
    const at = f.reserve(640);
    f.chunk.fill(3, at, at + 640);
    f.commit(640, t);
  }
  assert.equal(f.error, undefined, 'below the cap: queued, not failed');
  assert.equal(writes.waiting, 1, 'one job per recording waits, however many chunks are queued');
  for (let t = MAX_BACKLOG_MS - 1000; t < MAX_BACKLOG_MS + 1500; t += 20) f.append(new Uint8Array(640), t);
  assert.match(String(f.error), /disk too slow/);
  release();
  await stall;
  await assert.rejects(f.close(), /disk too slow/);
});

test('recording file: a backlog is written in order as one writev once the disk frees up', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rec-'));
  const writes = new WriteQueue(1);
  let release!: () => void;
  const stall = writes.run(() => new Promise<void>((r) => (release = r)));
  const path = join(dir, 'b.wav');
  const f = await RecordingFile.open(path, 'mono', 0, 8000, writes);
  for (let i = 0; i < 250; i++) {
    const at = f.reserve(320);
    f.chunk.fill(i & 0xff, at, at + 320);
    f.commit(320, i * 20);
  }
  release();
  await stall;
  const c = await f.close();
  assert.equal(c.durationMs, 5000);
  const body = readFileSync(path).subarray(44);
  assert.equal(body.length, 250 * 320);
  for (let i = 0; i < 250; i++) assert.equal(body[i * 320], i & 0xff, `frame ${i} in place`);
  const dv = new DataView(readFileSync(path).buffer);
  assert.equal(dv.getUint32(40, true), 250 * 320, 'final header');
});
