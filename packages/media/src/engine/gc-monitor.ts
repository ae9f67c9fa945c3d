import { PerformanceObserver } from 'node:perf_hooks';

export interface GcStats {
  /** Collections since the last window reset, their total and longest pause (ms). */
  count: number;
  totalMs: number;
  maxMs: number;
}

/** Garbage-collection pauses of this thread (each worker has its own heap), for `load()`. */
export class GcMonitor {
  #obs: PerformanceObserver | undefined;
  #count = 0;
  #total = 0;
  #max = 0;

  start(): void {
    this.#obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        this.#count++;
        this.#total += e.duration;
        if (e.duration > this.#max) this.#max = e.duration;
      }
    });
    this.#obs.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.#obs?.disconnect();
  }

  stats(): GcStats {
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return { count: this.#count, totalMs: r(this.#total), maxMs: r(this.#max) };
  }

  resetWindow(): void {
    this.#count = 0;
    this.#total = 0;
    this.#max = 0;
  }
}
