/**
 * Abandoned uploads (control side, decision 0202): a file uploaded for a form that was never sent
 * stays unbound. At start and then every `intervalMs`, uploads unbound for longer than `maxAgeMs`
 * are deleted (row and audit row in one transaction, then the bytes on disk when no other row
 * shares them), and temp files a crash left in `files/tmp/` that are older than an hour go too.
 */
import { type CaseRepository, EXPIRY_BATCH, expireUnboundUploads } from '@hotline/cases';
import type { Scheduler, TimerHandle } from '@hotline/core';
import { CaseFileStorage } from './http/routes/case-files-storage.ts';
import type { Logger } from './log.ts';

export const HOUR_MS = 3_600_000;
/** How often the sweep runs. */
export const CLEANUP_INTERVAL_MS = HOUR_MS;
/** A temp file this old belongs to no upload in flight (uploads are limited in size, not hours). */
export const TEMP_MAX_AGE_MS = HOUR_MS;

export interface CleanupResult {
  rows: number;
  files: number;
  temps: number;
}

export interface CaseFileCleanup {
  /** Runs one sweep now (after any running one). */
  sweep(): Promise<CleanupResult>;
  stop(): Promise<void>;
}

export async function startCaseFileCleanup(opts: {
  repo: CaseRepository;
  /** The files directory (`<dataDir>/files`). */
  dir: string;
  scheduler: Scheduler;
  log: Logger;
  /** Unbound uploads older than this are deleted. */
  maxAgeMs: number;
  intervalMs?: number;
}): Promise<CaseFileCleanup> {
  const { repo, scheduler, log, maxAgeMs } = opts;
  const storage = new CaseFileStorage(opts.dir);
  let running: Promise<CleanupResult> = Promise.resolve({ rows: 0, files: 0, temps: 0 });
  let stopped = false;

  const once = async (): Promise<CleanupResult> => {
    const now = scheduler.now();
    const cutoff = now - maxAgeMs;
    const out: CleanupResult = { rows: 0, files: 0, temps: 0 };
    for (;;) {
      const r = await expireUnboundUploads(repo.store, cutoff);
      out.rows += r.deleted.length;
      for (const key of r.unreferencedKeys) if (await storage.removeUnreferenced(key, cutoff)) out.files++;
      if (r.deleted.length < EXPIRY_BATCH || stopped) break;
    }
    out.temps = await storage.sweepTemp(now - TEMP_MAX_AGE_MS);
    if (out.rows + out.files + out.temps > 0) log.info(out, 'abandoned case uploads removed');
    return out;
  };
  const sweep = () => {
    running = running.then(once, once).catch((e: unknown) => {
      log.warn({ err: e }, 'case upload cleanup failed; retrying on the next tick');
      return { rows: 0, files: 0, temps: 0 };
    });
    return running;
  };
  const timer: TimerHandle = scheduler.setInterval(() => void sweep(), opts.intervalMs ?? CLEANUP_INTERVAL_MS);
  void sweep();
  return {
    sweep,
    stop: async () => {
      stopped = true;
      timer.cancel();
      await running;
    },
  };
}
