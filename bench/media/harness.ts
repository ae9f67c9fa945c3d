/**
 * The measuring side of bench/media: the load-generator child process, one measured window, and the
 * rule that decides whether a window may be reported at all.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { foreignCpu, loadAverage1m } from './machine.ts';

/** Generator send lateness p99 above this: its clock, not the system under test, was measured. */
export const GEN_LATE_P99_MS = 5;
/** …or any single packet later than this (two frames). */
export const GEN_LATE_MAX_MS = 40;
/** …or its event loop (which also reads the relayed packets) delayed this much at p99. */
export const GEN_LOOP_P99_MS = 10;
/** Other processes using more than this (% of one core) during a window: a failure there proves nothing. */
export const FOREIGN_CPU_LIMIT_PCT = 25;
const WARMUP_MS = 1500;

export interface GenReport {
  sent: number;
  received: number;
  lossPct: number;
  latePct: number;
  pdvP50: number;
  pdvP99: number;
  pdvMax: number;
  sendLateP50: number;
  sendLateP99: number;
  sendLateMax: number;
  loopDelayP99: number;
  loopDelayMax: number;
}

export class Generator {
  readonly child: ChildProcess;
  #waiters = new Map<string, (m: Record<string, unknown>) => void>();
  constructor() {
    this.child = fork(join(import.meta.dirname, 'load-generator.ts'), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: Record<string, unknown>) => {
      const w = this.#waiters.get(m.op as string);
      this.#waiters.delete(m.op as string);
      w?.(m);
    });
  }
  ask(msg: Record<string, unknown>, reply: string): Promise<Record<string, unknown>> {
    return new Promise((r) => {
      this.#waiters.set(reply, r);
      this.child.send(msg);
    });
  }
  async open(calls: number): Promise<number[]> {
    return (await this.ask({ op: 'open', calls }, 'opened')).ports as number[];
  }
  close(): Promise<unknown> {
    return this.ask({ op: 'close' }, 'closed');
  }
  exit(): void {
    this.child.send({ op: 'exit' });
  }
}

export interface Window {
  report: GenReport;
  /** CPU of the system under test during the window, ms. */
  cpuMs: number;
  wallMs: number;
  generatorCpuPct: number;
  foreignCpuPct: number;
  loadAvg1m: number;
  /** Why the window cannot be reported, if it cannot. */
  invalid: string | undefined;
}

/**
 * Starts sending to `targets`, warms up, measures MEASURE_S seconds. `sutCpu` reads the CPU ms of the
 * system under test; `atStart`/`atEnd` let the caller read its own counters at the window's edges.
 */
export async function measureWindow(
  gen: Generator,
  targets: number[],
  seconds: number,
  sutCpu: () => number,
  edges: { atStart?: () => Promise<unknown>; atEnd?: () => Promise<unknown> } = {},
): Promise<Window> {
  const loadAvg1m = loadAverage1m();
  await gen.ask({ op: 'start', targets }, 'started');
  await sleep(WARMUP_MS);
  await edges.atStart?.();
  const g0 = (await gen.ask({ op: 'measure' }, 'measuring')).cpu as NodeJS.CpuUsage;
  const c0 = sutCpu();
  const t0 = performance.now();
  let genCpuMs = (g0.user + g0.system) / 1000;
  const ours = () => sutCpu() + genCpuMs;
  const foreign = foreignCpu(ours);
  await sleep(seconds * 1000);
  const c1 = sutCpu();
  const wall = performance.now() - t0;
  await edges.atEnd?.();
  const r = await gen.ask({ op: 'stopSending' }, 'report');
  const g1 = r.cpu as NodeJS.CpuUsage;
  genCpuMs = (g1.user + g1.system) / 1000;
  const f = foreign();
  const report = r.report as GenReport;
  return {
    report,
    cpuMs: c1 - c0,
    wallMs: wall,
    generatorCpuPct: ((g1.user + g1.system - g0.user - g0.system) / 1000 / wall) * 100,
    foreignCpuPct: f.foreignCpuPct,
    loadAvg1m,
    invalid: generatorLate(report),
  };
}

/** The generator kept time, or the reason it did not. */
export function generatorLate(r: GenReport): string | undefined {
  if (r.sendLateP99 > GEN_LATE_P99_MS) return `generator send lateness p99 ${r.sendLateP99} ms > ${GEN_LATE_P99_MS}`;
  if (r.sendLateMax > GEN_LATE_MAX_MS) return `generator send lateness max ${r.sendLateMax} ms > ${GEN_LATE_MAX_MS}`;
  if (r.loopDelayP99 > GEN_LOOP_P99_MS) return `generator loop delay p99 ${r.loopDelayP99} ms > ${GEN_LOOP_P99_MS}`;
  return undefined;
}
