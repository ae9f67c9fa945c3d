import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The OS thread id of the calling thread (Linux: /proc/thread-self → "PID/task/TID"), if known. */
export function osThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

export interface PriorityResult {
  requested: number;
  applied: boolean;
  error?: string;
}

/**
 * Sets the nice value of the calling thread only (Linux setpriority(PRIO_PROCESS, tid) acts on one
 * thread). Raising priority (negative values) needs CAP_SYS_NICE or RLIMIT_NICE; failing is reported,
 * not thrown — the worker still runs, just without the head start over batch work.
 */
export function setThreadPriority(nice: number): PriorityResult {
  const tid = osThreadId();
  if (tid === undefined) return { requested: nice, applied: false, error: 'no per-thread priority on this OS' };
  try {
    setPriority(tid, nice);
    return { requested: nice, applied: true };
  } catch (e) {
    return { requested: nice, applied: false, error: (e as Error).message };
  }
}

export interface ThreadTimes {
  /** CPU time of this thread (user + system), ms. */
  cpuMs: number;
  /** Time this thread was runnable but waiting for a CPU (Linux schedstat), ms; undefined elsewhere. */
  runQueueWaitMs: number | undefined;
}

/**
 * CPU and run-queue wait of the calling thread. A worker that is late while its CPU time is low and
 * its run-queue wait is high is starved by other processes, not slow.
 */
export function threadTimes(): ThreadTimes {
  const u = process.threadCpuUsage();
  let wait: number | undefined;
  try {
    // schedstat: time on CPU (ns), time waiting on a run queue (ns), timeslices.
    wait = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    wait = undefined;
  }
  return { cpuMs: (u.user + u.system) / 1000, runQueueWaitMs: wait };
}
