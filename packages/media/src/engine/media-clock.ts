import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { Scheduler, TimerHandle } from '@hotline/core';

export const PTIME_MS = 20;
/** When the clock falls this far behind, it skips the missed ticks instead of bursting them out. */
export const MAX_CATCH_UP_MS = 200;

/** A monotonic scheduler for the worker clock: performance.now(), not Date.now() (which steps with NTP). */
export const monotonicScheduler: Scheduler = {
  now: () => performance.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
  setInterval(fn, ms) {
    const t = setInterval(fn, ms);
    return { cancel: () => clearInterval(t) };
  },
};

export interface ClockStats {
  ticks: number;
  /** Ticks that ran more than one frame after their due time. */
  lateTicks: number;
  /** Ticks skipped because the clock fell more than MAX_CATCH_UP_MS behind. */
  skippedTicks: number;
  /** How late ticks ran against their due time, in ms (since the last window reset). */
  lateness: { p50: number; p99: number; max: number; count: number };
}

/**
 * The worker's 20 ms media clock. Tick n is due at start + n × 20 ms (absolute, so timer error never
 * accumulates); every wake-up runs all ticks that are due, each with its own due time, then sleeps
 * until the next one. A timer that fires early runs nothing and re-arms. How late each tick ran is
 * recorded, because a late tick is the first sign of a starved worker.
 */
export class MediaClock {
  readonly #sched: Scheduler;
  readonly #onTick: (dueMs: number) => void;
  #timer: TimerHandle | undefined;
  #running = false;
  #next = 0;
  #ticks = 0;
  #lateTicks = 0;
  #skipped = 0;
  #hist: RecordableHistogram = createHistogram();

  constructor(sched: Scheduler, onTick: (dueMs: number) => void) {
    this.#sched = sched;
    this.#onTick = onTick;
  }

  start(): void {
    this.#running = true;
    this.#next = this.#sched.now() + PTIME_MS;
    this.#arm();
  }

  stop(): void {
    this.#running = false;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /** Runs every due tick (exposed for tests; the timer calls it). */
  wake(): void {
    const now = this.#sched.now();
    if (now - this.#next > MAX_CATCH_UP_MS) {
      // Far behind (the thread was starved or stopped): drop the backlog, keep the phase.
      const missed = Math.floor((now - this.#next) / PTIME_MS);
      this.#skipped += missed;
      this.#next += missed * PTIME_MS;
    }
    while (this.#next <= now) {
      const late = now - this.#next;
      this.#hist.record(Math.max(1, Math.round(late * 1000)));
      if (late > PTIME_MS) this.#lateTicks++;
      this.#ticks++;
      this.#onTick(this.#next);
      this.#next += PTIME_MS;
    }
    this.#arm();
  }

  stats(): ClockStats {
    const h = this.#hist;
    const ms = (us: number) => Math.round(us) / 1000;
    return {
      ticks: this.#ticks,
      lateTicks: this.#lateTicks,
      skippedTicks: this.#skipped,
      lateness: {
        p50: h.count ? ms(h.percentile(50)) : 0,
        p99: h.count ? ms(h.percentile(99)) : 0,
        max: h.count ? ms(h.max) : 0,
        count: h.count,
      },
    };
  }

  /** Starts a new lateness window (the counters keep running). */
  resetWindow(): void {
    this.#hist = createHistogram();
  }

  #arm(): void {
    if (!this.#running) return;
    this.#timer = this.#sched.setTimeout(() => this.wake(), Math.max(0, this.#next - this.#sched.now()));
  }
}
