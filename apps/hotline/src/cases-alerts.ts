/**
 * Deadline alerts to people (control side): every minute, the sign/finish warnings and breaches that
 * fell due since the last scan become in-app notifications — the department's users for each alert,
 * center supervisors for breaches. The scan window is persisted, so alerts that fell due while
 * control was down are sent on start (up to MAX_CATCH_UP_MS back); writing is idempotent.
 */
import {
  type CaseRepository,
  DEADLINE_SCAN_INTERVAL_MS,
  DeadlineMonitor,
  dueAlerts,
  readAlertWatermark,
  recordAlerts,
} from '@hotline/cases';
import type { Scheduler } from '@hotline/core';
import type { Logger } from './log.ts';

/** How far back a restart looks for alerts missed while control was down. */
export const MAX_CATCH_UP_MS = 7 * 86_400_000;

export interface CaseAlerts {
  /** Runs one scan now (after any running one). */
  scan(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCaseAlerts(opts: {
  repo: CaseRepository;
  scheduler: Scheduler;
  log: Logger;
  intervalMs?: number;
}): Promise<CaseAlerts> {
  const { repo, scheduler, log } = opts;
  const now = scheduler.now();
  const mark = await readAlertWatermark(repo.store);
  const since = mark === null ? now : Math.min(now, Math.max(mark, now - MAX_CATCH_UP_MS));
  const monitor = new DeadlineMonitor({
    scheduler,
    since,
    source: (from, to) => dueAlerts(repo.db, from, to),
    notify: async (alerts, window) => {
      const r = await recordAlerts(repo.store, alerts, window, { now: scheduler.now() });
      if (r.notifications > 0) log.info(r, 'case deadline alerts sent');
    },
    onError: (e) => log.warn({ err: e }, 'case deadline scan failed; retrying on the next tick'),
  });
  monitor.start(opts.intervalMs ?? DEADLINE_SCAN_INTERVAL_MS);
  // Catch up at once on what fell due while control was down.
  if (since < now) void monitor.kick();
  return { scan: () => monitor.kick(), stop: () => monitor.stop() };
}
