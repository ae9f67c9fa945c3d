import type { Scheduler, TimerHandle } from '@hotline/core';
import type { CaseState } from './case-model.ts';
import { type ClockRules, warnAt } from './time-limit.ts';

/** How often the monitor looks for clocks that crossed a warning or a deadline. */
export const DEADLINE_SCAN_INTERVAL_MS = 60_000;

export interface DeadlineAlert {
  caseId: string;
  caseNumber: string;
  partyId: string;
  departmentId: string;
  clock: 'sign' | 'finish';
  /** `warning` at the configured share of the span, `breach` when the deadline passes. */
  level: 'warning' | 'breach';
  /** The instant the alert falls due: the warning instant, or the deadline itself for a breach. */
  at: number;
  /** The clock's deadline. */
  deadline: number;
}

/** Alerts whose instant falls in (since, now] for the case's running clocks. Pure. */
export function deadlineAlerts(s: CaseState, since: number, now: number, rules: ClockRules): DeadlineAlert[] {
  const out: DeadlineAlert[] = [];
  const push = (p: CaseState['parties'][number], clock: 'sign' | 'finish', start: number, deadline: number) => {
    const w = warnAt(start, deadline, rules);
    if (w > since && w <= now)
      out.push({
        caseId: s.id,
        caseNumber: s.number,
        partyId: p.id,
        departmentId: p.departmentId,
        clock,
        level: 'warning',
        at: w,
        deadline,
      });
    if (deadline > since && deadline <= now)
      out.push({
        caseId: s.id,
        caseNumber: s.number,
        partyId: p.id,
        departmentId: p.departmentId,
        clock,
        level: 'breach',
        at: deadline,
        deadline,
      });
  };
  for (const p of s.parties) {
    if (p.status === 'to_sign') push(p, 'sign', p.signClockStart, p.signDeadline);
    if (p.status === 'to_sign' || p.status === 'in_progress' || p.status === 'delegated' || p.status === 'returned') {
      push(p, 'finish', p.dispatchedAt, p.finishDeadline);
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The scan window handed to `notify`: alerts are those due in (since, now]. */
export interface ScanWindow {
  since: number;
  now: number;
}

/**
 * Periodically asks `source` for alerts that became due since the last scan and hands them to
 * `notify` (in-app now; SMS/email when those channels exist) with the window, also when it is
 * empty, so a persistent notifier can record how far it got. The window only advances once
 * `notify` succeeded: a failed scan is retried over the same span on the next tick (the notifier
 * must be idempotent). Time comes from the Scheduler.
 */
export class DeadlineMonitor {
  readonly #scheduler: Scheduler;
  readonly #source: (since: number, now: number) => Promise<DeadlineAlert[]>;
  readonly #notify: (alerts: DeadlineAlert[], window: ScanWindow) => Promise<void>;
  readonly #onError: (e: unknown) => void;
  #since: number;
  #timer: TimerHandle | null = null;
  #running: Promise<void> = Promise.resolve();

  constructor(opts: {
    scheduler: Scheduler;
    source: (since: number, now: number) => Promise<DeadlineAlert[]>;
    notify: (alerts: DeadlineAlert[], window: ScanWindow) => Promise<void>;
    since?: number;
    /** A failed periodic scan (the next tick retries it). Default: ignore. */
    onError?: (e: unknown) => void;
  }) {
    this.#scheduler = opts.scheduler;
    this.#source = opts.source;
    this.#notify = opts.notify;
    this.#onError = opts.onError ?? (() => {});
    this.#since = opts.since ?? opts.scheduler.now();
  }

  /** Where the next scan starts. */
  get since(): number {
    return this.#since;
  }

  start(intervalMs = DEADLINE_SCAN_INTERVAL_MS): void {
    this.#timer ??= this.#scheduler.setInterval(() => this.kick(), intervalMs);
  }

  /** Queues a scan now (after any running one); errors go to `onError`. Resolves when it ran. */
  kick(): Promise<void> {
    this.#running = this.#running.then(() => this.scan()).catch(this.#onError);
    return this.#running;
  }

  stop(): Promise<void> {
    this.#timer?.cancel();
    this.#timer = null;
    return this.#running;
  }

  /** One scan; alerts are delivered at most once per window. */
  async scan(): Promise<void> {
    const now = this.#scheduler.now();
    const since = this.#since;
    if (now <= since) return;
    const alerts = await this.#source(since, now);
    await this.#notify(alerts, { since, now });
    this.#since = now;
  }
}
