import type { Scheduler, TimerHandle } from '@hotline/core';

export interface CollectSpec {
  maxDigits: number;
  terminators: string;
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
}

export type CollectReason = 'max' | 'terminator' | 'timeout';

/**
 * Digit collection for `leg.collect`: ends on `maxDigits`, a terminator (not included), or a
 * timeout (first digit, then between digits). Timers come from the injected scheduler.
 */
export class Collector {
  readonly #spec: CollectSpec;
  readonly #scheduler: Scheduler;
  readonly #done: (digits: string, reason: CollectReason) => void;
  #digits = '';
  #timer: TimerHandle;
  #finished = false;

  constructor(spec: CollectSpec, scheduler: Scheduler, done: (digits: string, reason: CollectReason) => void) {
    this.#spec = spec;
    this.#scheduler = scheduler;
    this.#done = done;
    this.#timer = scheduler.setTimeout(() => this.#finish('timeout'), spec.firstDigitTimeoutMs);
  }

  digit(d: string): void {
    if (this.#finished) return;
    if (this.#spec.terminators.includes(d)) {
      this.#finish('terminator');
      return;
    }
    this.#digits += d;
    if (this.#digits.length >= this.#spec.maxDigits) {
      this.#finish('max');
      return;
    }
    this.#timer.cancel();
    this.#timer = this.#scheduler.setTimeout(() => this.#finish('timeout'), this.#spec.interDigitTimeoutMs);
  }

  cancel(): void {
    this.#finished = true;
    this.#timer.cancel();
  }

  #finish(reason: CollectReason): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#timer.cancel();
    this.#done(this.#digits, reason);
  }
}
