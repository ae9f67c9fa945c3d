import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeScheduler, HotlineError, Signal, transition } from './index.ts';

test('transition accepts listed moves and rejects others with a coded error', () => {
  const table = { a: ['b'], b: ['a', 'c'], c: [] } as const satisfies Record<string, readonly string[]>;
  assert.equal(transition(table, 'a', 'b'), 'b');
  assert.throws(
    () => transition(table, 'a', 'c', 'thing'),
    (e: unknown) => e instanceof HotlineError && e.code === 'illegal_transition' && /a → c/.test(e.message),
  );
});

test('FakeScheduler fires timers in time order only when advanced', () => {
  const s = new FakeScheduler(0);
  const fired: string[] = [];
  s.setTimeout(() => fired.push('b@20'), 20);
  s.setTimeout(() => fired.push('a@10'), 10);
  const iv = s.setInterval(() => fired.push(`i@${s.now()}`), 15);
  s.advance(9);
  assert.deepEqual(fired, []);
  s.advance(21);
  assert.deepEqual(fired, ['a@10', 'i@15', 'b@20', 'i@30']);
  iv.cancel();
  s.advance(100);
  assert.equal(fired.length, 4);
});

test('Signal delivers to listeners and once() detaches', () => {
  const sig = new Signal<[number]>();
  const got: number[] = [];
  sig.once((n) => got.push(n));
  const off = sig.on((n) => got.push(n * 10));
  sig.emit(1);
  sig.emit(2);
  off();
  sig.emit(3);
  assert.deepEqual(got, [1, 10, 20]);
});
