import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import { MAX_CATCH_UP_MS, MediaClock, PTIME_MS } from './media-clock.ts';

test('media clock: ticks at absolute 20 ms due times; nothing after stop', () => {
  const s = new FakeScheduler(1000);
  const due: number[] = [];
  const c = new MediaClock(s, (d) => due.push(d));
  c.start();
  s.advance(200);
  assert.deepEqual(
    due,
    Array.from({ length: 10 }, (_, i) => 1000 + (i + 1) * PTIME_MS),
  );
  c.stop();
  s.advance(100);
  assert.equal(due.length, 10, 'nothing after stop');
  const st = c.stats();
  assert.equal(st.ticks, 10);
  assert.equal(st.lateTicks, 0);
});

test('media clock: a starved wake-up runs every due tick, counts lateness, skips beyond MAX_CATCH_UP_MS', () => {
  let now = 0;
  const timers: (() => void)[] = [];
  const sched = {
    now: () => now,
    setTimeout: (fn: () => void) => {
      timers.push(fn);
      return { cancel: () => {} };
    },
    setInterval: () => ({ cancel: () => {} }),
  };
  const due: number[] = [];
  const c = new MediaClock(sched, (d) => due.push(d));
  c.start(); // first tick due at 20
  now = 85; // the thread got the CPU 65 ms late
  timers.shift()!();
  assert.deepEqual(due, [20, 40, 60, 80]);
  let st = c.stats();
  assert.equal(st.lateTicks, 3, '65, 45 and 25 ms late are more than a frame; 5 is not');
  assert.ok(Math.abs(st.lateness.max - 65) < 0.1, `max ${st.lateness.max}`); // HdrHistogram: 3 significant digits
  assert.equal(st.skippedTicks, 0);
  // Starved for a second: the backlog beyond MAX_CATCH_UP_MS is dropped, the phase kept.
  due.length = 0;
  now = 1090;
  timers.shift()!();
  st = c.stats();
  assert.ok(st.skippedTicks > 0);
  assert.ok(due.length <= MAX_CATCH_UP_MS / PTIME_MS + 1, `ran ${due.length} ticks`);
  assert.ok(
    due.every((d) => d % PTIME_MS === 0),
    'still on the 20 ms grid',
  );
  assert.equal(due.at(-1), 1080);
  c.resetWindow();
  assert.equal(c.stats().lateness.count, 0);
  assert.equal(c.stats().ticks, st.ticks, 'counters survive a window reset');
});
