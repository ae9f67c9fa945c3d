import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSwitchFrame } from '@hotline/contracts';
import { ErrorCode, FakeScheduler, HotlineError } from '@hotline/core';
import { CallControlServer } from './call-control-server.ts';
import { loopbackPair } from './loopback.ts';
import { TestControl } from './test-control.test-helper.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

function server() {
  let runs = 0;
  const s = new CallControlServer({
    token: 'secret-token',
    scheduler: new FakeScheduler(),
    handle: async (cmd) => {
      runs++;
      if (cmd.type === 'leg.answer' && cmd.legId === 'missing') throw new HotlineError(ErrorCode.NotFound, 'no leg');
      if (cmd.type === 'leg.hangup') throw new Error('boom');
      return { ran: runs };
    },
    snapshot: () => ({ switchId: 's1', startedAt: 1, configVersion: 3, legs: [], bridges: [], registrations: [] }),
  });
  return { s, runs: () => runs };
}

test('a session without the right token is closed before any command runs', async () => {
  const { s, runs } = server();
  const { session, client } = loopbackPair();
  s.attach(session);
  let closed = false;
  client.onClose(() => {
    closed = true;
  });
  const c = new TestControl(client, 'wrong-token');
  c.raw({ type: 'leg.answer', legId: 'x' });
  await tick();
  assert.equal(closed, true);
  assert.equal(runs(), 0);
  assert.equal(s.controlCount, 0);
});

test('commands are idempotent by id and answered ok or with a coded error', async () => {
  const { s, runs } = server();
  const { session, client } = loopbackPair();
  s.attach(session);
  const c = new TestControl(client, 'secret-token');
  const snap = await c.waitSnapshot();
  assert.equal(snap.configVersion, 3);
  const a = await c.command({ type: 'leg.answer', legId: 'L1' }, 'cmd-1');
  const again = await c.command({ type: 'leg.answer', legId: 'L1' }, 'cmd-1');
  assert.equal(a.ok, true);
  assert.deepEqual(again.result, a.result);
  assert.equal(runs(), 1);
  const nf = await c.command({ type: 'leg.answer', legId: 'missing' });
  assert.deepEqual(nf.error, { code: 'not_found', message: 'no leg' });
  const internal = await c.command({ type: 'leg.hangup', legId: 'L1' });
  assert.equal(internal.error?.code, 'internal');
  assert.equal(internal.error?.message, 'internal error');
  // A malformed command gets a validation error, not a crash.
  const id = c.raw({ type: 'leg.answer' });
  await tick();
  void id;
});

test('events wait for an ack and are replayed after a reconnect, after the snapshot', async () => {
  const { s } = server();
  s.emit({ type: 'leg.answered', legId: 'A' });
  s.emit({ type: 'leg.answered', legId: 'B' });
  const first = loopbackPair();
  s.attach(first.session);
  const c1 = new TestControl(first.client, 'secret-token');
  c1.autoAck = false;
  await c1.waitEvent('leg.answered', (e) => e.legId === 'B');
  c1.raw({ type: 'event.ack', upTo: 1 });
  await tick();
  first.client.close();
  await tick();
  assert.equal(s.controlCount, 0);
  s.emit({ type: 'leg.answered', legId: 'C' });
  const second = loopbackPair();
  const frames: string[] = [];
  second.client.onMessage((t) => frames.push(t));
  s.attach(second.session);
  const c2 = new TestControl(second.client, 'secret-token');
  await c2.waitEvent('leg.answered', (e) => e.legId === 'C');
  const types = frames.map((f) => {
    const p = parseSwitchFrame(f);
    assert.ok(p.ok);
    return p.msg.type === 'leg.answered' ? `${p.msg.type}:${p.msg.legId}` : p.msg.type;
  });
  assert.deepEqual(types, ['welcome', 'leg.answered:B', 'leg.answered:C']);
  await tick();
  assert.equal(s.unackedCount, 0);
});
