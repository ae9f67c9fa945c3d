/**
 * What else the machine was doing while a step ran: load average, and CPU time used by processes
 * other than the ones under test (from /proc/stat minus theirs). Other engineers' jobs share this
 * box; a step measured while they took the CPU says little about the media engine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const CLK_TCK = 100; // Linux USER_HZ

/**
 * CPU time of the whole machine (all cores) that some process used or the hypervisor stole, ms.
 * Interrupt and softirq time are left out: loopback UDP delivery lands there and belongs to nobody.
 */
export function machineBusyMs(): number {
  const f = readFileSync('/proc/stat', 'utf8');
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice
  const [user, nice, system, , , , , steal] = f.slice(0, f.indexOf('\n')).split(/\s+/).slice(1).map(Number);
  return ((user! + nice! + system! + steal!) * 1000) / CLK_TCK;
}

/** CPU time (user + system) of a process, all threads, ms. */
export function processCpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 (1-based) of /proc/PID/stat; here offset by the 2 removed.
  return ((Number(parts[11]) + Number(parts[12])) * 1000) / CLK_TCK;
}

export function loadAverage1m(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/** This session's autogroup and its nice value, e.g. "/autogroup-42 nice -10" (Linux). */
export function sessionPriority(): string | null {
  try {
    return readFileSync('/proc/self/autogroup', 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Sets the nice value of this session's autogroup: the weight with which the whole session competes
 * with other sessions for the CPU. Raising it needs CAP_SYS_NICE; failing throws.
 */
export function setSessionPriority(nice: number): void {
  writeFileSync('/proc/self/autogroup', String(nice));
}

/** CPU meter over a window: ms of busy CPU by everything except `ours()`. */
export function foreignCpu(ours: () => number) {
  const m0 = machineBusyMs();
  const o0 = ours();
  const t0 = performance.now();
  return () => {
    const wall = performance.now() - t0;
    const foreign = machineBusyMs() - m0 - (ours() - o0);
    return { foreignCpuPct: Math.max(0, (foreign / wall) * 100), wallMs: wall };
  };
}
