import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MediaEngine } from './media-engine.ts';
import { RtpPeer } from './rtp-peer.test-helper.ts';

const isLinux = process.platform === 'linux';
/** Nice value (field 19 of /proc/PID/task/TID/stat) of each thread of this process. */
const threadNices = () =>
  readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });

test('load(): tick lateness, thread CPU, run-queue wait and GC per worker; workerPriority renices only the worker thread', async () => {
  // +5 (lower priority) is always allowed, so the test does not need CAP_SYS_NICE.
  const engine = new MediaEngine({
    workers: 1,
    bindAddress: '127.0.0.1',
    portMin: 20880,
    portMax: 20920,
    workerPriority: 5,
  });
  await engine.start();
  const a = await RtpPeer.open(440);
  const b = await RtpPeer.open(1000);
  try {
    const ea = await engine.allocate();
    const eb = await engine.allocate({ near: ea.endpointId });
    await engine.setRemote(ea.endpointId, { address: '127.0.0.1', port: a.port });
    await engine.setRemote(eb.endpointId, { address: '127.0.0.1', port: b.port });
    await engine.bridge('c', [
      { id: ea.endpointId, mode: 'full' },
      { id: eb.endpointId, mode: 'full' },
    ]);
    a.start(ea.port);
    b.start(eb.port);
    await sleep(200);
    const [before] = await engine.load({ resetWindow: true });
    await sleep(400);
    const [w] = await engine.load();
    assert.ok(before && w);
    assert.ok(w.ticks - before.ticks >= 15, `ticks ran: ${w.ticks - before.ticks}`);
    assert.ok(w.tickLatenessMs.max >= w.tickLatenessMs.p99 && w.tickLatenessMs.p99 >= w.tickLatenessMs.p50);
    assert.ok(w.tickLatenessMs.p50 < 20, `an idle worker ticks on time (p50 ${w.tickLatenessMs.p50} ms)`);
    assert.ok(w.cpuMs > before.cpuMs, 'thread CPU grows');
    assert.equal(typeof w.gc.count, 'number');
    assert.ok(b.packets > 10, 'relayed audio arrives');
    if (isLinux) {
      assert.deepEqual(w.priority, { requested: 5, applied: true });
      assert.equal(typeof w.runQueueWaitMs, 'number');
      assert.ok(threadNices().includes(5), 'one thread runs at nice 5');
      assert.equal(getPriority(), 0, 'the main thread keeps its priority');
    }
  } finally {
    a.close();
    b.close();
    await engine.stop();
  }
});
