/** Time as a port: production uses the system clock, tests a FakeClock they advance by hand. */
export interface Clock {
  now(): number;
}

export interface TimerHandle {
  cancel(): void;
}

/** Schedules callbacks against a Clock. */
export interface Scheduler extends Clock {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  setInterval(fn: () => void, ms: number): TimerHandle;
}

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
  setInterval(fn, ms) {
    const t = setInterval(fn, ms);
    return { cancel: () => clearInterval(t) };
  },
};

interface FakeTimer {
  at: number;
  seq: number;
  fn: () => void;
  every: number | null;
  cancelled: boolean;
}

/** Deterministic scheduler for tests: nothing fires until `advance()` is called. */
export class FakeScheduler implements Scheduler {
  #now: number;
  #seq = 0;
  #timers: FakeTimer[] = [];
  constructor(start = Date.UTC(2026, 10, 21, 0, 0, 0)) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, null);
  }
  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, Math.max(1, ms));
  }
  /** Moves time forward, firing due timers in order (timers scheduled while firing also run if due). */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = this.#timers
        .filter((t) => !t.cancelled && t.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.#now = due.at;
      if (due.every !== null) due.at += due.every;
      else due.cancelled = true;
      due.fn();
    }
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    this.#now = end;
  }
  get pending(): number {
    return this.#timers.filter((t) => !t.cancelled).length;
  }
  #add(fn: () => void, ms: number, every: number | null): TimerHandle {
    const t: FakeTimer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn, every, cancelled: false };
    this.#timers.push(t);
    return {
      cancel: () => {
        t.cancelled = true;
      },
    };
  }
}
