/**
 * bench/media — N concurrent bridged G.711 calls through the media engine, each recorded to a
 * stereo WAV, with RTP both ways at 50 pps from a load generator in a separate process. Steps N up
 * until loss reaches 0.1 %, then runs the same generator through Debian's rtpengine (userspace
 * relay, no recording) as the reference. Last line: one JSON object.
 *
 * The machine is shared, so every window is checked: a window where the generator did not keep time
 * is never reported (it is retried), and a failing window while other processes used the CPU is
 * retried before it counts as a failure. Every attempt is printed with the load average at its start
 * and the CPU other processes used during it.
 *
 *   npm run bench -- media
 *   env: BENCH_STEPS="100,200,300,400,500" BENCH_SECONDS=8 BENCH_ATTEMPTS=3 BENCH_WORKERS=2
 *        BENCH_NICE=-10 (optional: the bench re-runs itself in its own session and gives that
 *        session's scheduling group this nice value — engine, generator and rtpengine alike)
 *
 * Why a session: Linux autogroup schedules each session as one group, and every busy session on
 * the box (each PostgreSQL backend is one) gets an equal share. Per-thread nice only orders threads
 * inside a group, so it cannot protect the media threads from other sessions; the group's nice can.
 */

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MediaEngine, type WorkerLoad } from '../../packages/media/src/index.ts';
import { FOREIGN_CPU_LIMIT_PCT, Generator, measureWindow, type Window } from './harness.ts';
import { loadAverage1m, processCpuMs, sessionPriority, setSessionPriority } from './machine.ts';
import { startRtpengine } from './rtpengine.ts';

const STEPS = (process.env.BENCH_STEPS ?? '100,200,300,400,500').split(',').map(Number);
const MEASURE_S = Number(process.env.BENCH_SECONDS ?? 8);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 3);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const NICE = process.env.BENCH_NICE === undefined ? undefined : Number(process.env.BENCH_NICE);
/** Set in the copy of the bench that runs in its own session. */
const OWN_SESSION = 'BENCH_MEDIA_OWN_SESSION';
const LOSS_LIMIT_PCT = 0.1;
/** Pause between attempts, so a burst of someone else's work can pass. */
const RETRY_PAUSE_MS = 5000;
const ENGINE_PORTS = [30000, 34000] as const;
const RTPENGINE_PORTS = [36000, 39998] as const;
const NG_PORT = 22222;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

type Verdict = 'pass' | 'fail' | 'invalid' | 'contended';

/** pass/fail only when the window counts: the generator kept time, and a failure happened on a quiet machine. */
function verdictOf(w: Window): Verdict {
  if (w.invalid) return 'invalid';
  if (w.report.lossPct < LOSS_LIMIT_PCT) return 'pass';
  return w.foreignCpuPct > FOREIGN_CPU_LIMIT_PCT ? 'contended' : 'fail';
}

function windowFigures(w: Window, n: number) {
  return {
    load_avg_1m: w.loadAvg1m,
    foreign_cpu_pct: round(w.foreignCpuPct, 1),
    loss_pct: round(w.report.lossPct),
    late_pct: round(w.report.latePct),
    added_jitter_p50_ms: round(w.report.pdvP50, 2),
    added_jitter_p99_ms: round(w.report.pdvP99, 2),
    added_jitter_max_ms: round(w.report.pdvMax, 1),
    cpu_pct: round((w.cpuMs / w.wallMs) * 100, 1),
    cpu_per_call_ms: round(w.cpuMs / (w.wallMs / 1000) / n),
    generator_cpu_pct: round(w.generatorCpuPct, 1),
    gen_send_late_p99_ms: w.report.sendLateP99,
    gen_send_late_max_ms: w.report.sendLateMax,
    gen_loop_delay_p99_ms: w.report.loopDelayP99,
  };
}

/** What the workers did during the window (deltas of their counters, distributions of the window). */
function workerFigures(before: WorkerLoad[], after: WorkerLoad[], wallMs: number) {
  const d = (f: (l: WorkerLoad) => number) => after.map((a, i) => f(a) - f(before[i]!));
  return {
    worker_cpu_pct: d((l) => l.cpuMs).map((ms) => round((ms / wallMs) * 100, 1)),
    worker_runq_wait_pct: d((l) => l.runQueueWaitMs ?? 0).map((ms) => round((ms / wallMs) * 100, 1)),
    tick_late_p99_ms: Math.max(...after.map((l) => l.tickLatenessMs.p99)),
    tick_late_max_ms: Math.max(...after.map((l) => l.tickLatenessMs.max)),
    late_ticks: sum(d((l) => l.lateTicks)),
    skipped_ticks: sum(d((l) => l.skippedTicks)),
    gc_ms: round(sum(after.map((l) => l.gc.totalMs)), 1),
    gc_max_ms: round(Math.max(...after.map((l) => l.gc.maxMs)), 2),
    priority: after[0]?.priority,
  };
}

async function runOurs(gen: Generator, n: number, dir: string) {
  const engine = new MediaEngine({
    workers: WORKERS,
    bindAddress: '127.0.0.1',
    portMin: ENGINE_PORTS[0],
    portMax: ENGINE_PORTS[1],
    deadMediaMs: 60_000,
  });
  await engine.start();
  try {
    const ports = await gen.open(n);
    const targets: number[] = [];
    const recs: string[] = [];
    for (let c = 0; c < n; c++) {
      const a = await engine.allocate();
      const b = await engine.allocate({ near: a.endpointId });
      await Promise.all([
        engine.setRemote(a.endpointId, { address: '127.0.0.1', port: ports[2 * c]! }),
        engine.setRemote(b.endpointId, { address: '127.0.0.1', port: ports[2 * c + 1]! }),
        engine.setCodec(a.endpointId, { codec: 'PCMU', payloadType: 0, dtmfPayloadType: 101 }),
        engine.setCodec(b.endpointId, { codec: 'PCMU', payloadType: 0, dtmfPayloadType: 101 }),
      ]);
      await engine.bridge(`call-${c}`, [
        { id: a.endpointId, mode: 'full' },
        { id: b.endpointId, mode: 'full' },
      ]);
      recs.push(
        await engine.recordStart({ path: join(dir, `call-${c}.wav`), caller: a.endpointId, agent: b.endpointId }),
      );
      targets.push(a.port, b.port);
    }
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    let before: WorkerLoad[] = [];
    let after: WorkerLoad[] = [];
    const w = await measureWindow(gen, targets, MEASURE_S, cpu, {
      atStart: async () => {
        before = await engine.load({ resetWindow: true });
      },
      atEnd: async () => {
        after = await engine.load();
      },
    });
    const closed = await Promise.all(recs.map((r) => engine.recordStop(r)));
    await gen.close();
    return {
      w,
      workers: workerFigures(before, after, w.wallMs),
      recordedS: sum(closed.map((c) => c.durationMs)) / 1000 / n,
    };
  } finally {
    await engine.stop();
  }
}

async function runRtpengine(gen: Generator, n: number) {
  const rtp = await startRtpengine(NG_PORT, RTPENGINE_PORTS);
  try {
    const targets = await rtp.connect(await gen.open(n));
    const w = await measureWindow(gen, targets, MEASURE_S, () => processCpuMs(rtp.pid));
    await gen.close();
    return w;
  } finally {
    await rtp.stop();
  }
}

/** Runs attempts until one counts (pass or fail) or ATTEMPTS are used; prints every attempt. */
async function attempt<T extends { w: Window }>(
  label: Record<string, unknown>,
  run: () => Promise<T>,
  figures: (r: T) => Record<string, unknown>,
): Promise<{ verdict: Verdict; result: T }> {
  for (let i = 1; ; i++) {
    const result = await run();
    const verdict = verdictOf(result.w);
    console.log(JSON.stringify({ ...label, attempt: i, verdict, ...figures(result), invalid: result.w.invalid }));
    if (verdict === 'pass' || verdict === 'fail' || i >= ATTEMPTS) return { verdict, result };
    await sleep(RETRY_PAUSE_MS);
  }
}

async function main() {
  if (NICE !== undefined) setSessionPriority(NICE);
  const gen = new Generator();
  const dir = mkdtempSync(join(tmpdir(), 'bench-media-'));
  const startLoad = loadAverage1m();
  let best: { n: number; figures: Record<string, unknown> } | undefined;
  let stoppedBy: { n: number; verdict: Verdict } | undefined;
  try {
    for (const n of STEPS) {
      const stepDir = join(dir, `n${n}`);
      const { verdict, result } = await attempt(
        { system: 'hotline', calls: n, workers: WORKERS },
        async () => {
          mkdirSync(stepDir, { recursive: true });
          try {
            return await runOurs(gen, n, stepDir);
          } finally {
            rmSync(stepDir, { recursive: true, force: true });
          }
        },
        (r) => ({ ...windowFigures(r.w, n), ...r.workers, recorded_s_per_call: round(r.recordedS, 1) }),
      );
      if (verdict !== 'pass') {
        stoppedBy = { n, verdict };
        break;
      }
      best = { n, figures: { ...windowFigures(result.w, n), ...result.workers } };
    }
    const refN = best?.n ?? STEPS[0]!;
    let ref: { verdict: Verdict; figures: ReturnType<typeof windowFigures> } | undefined;
    try {
      const r = await attempt(
        { system: 'rtpengine', calls: refN },
        async () => ({ w: await runRtpengine(gen, refN) }),
        (x) => windowFigures(x.w, refN),
      );
      ref = { verdict: r.verdict, figures: windowFigures(r.result.w, refN) };
    } catch (e) {
      console.error(`rtpengine reference failed: ${(e as Error).message}`);
    }
    const ours = best?.figures.cpu_per_call_ms as number | undefined;
    const theirs = ref && ref.verdict !== 'invalid' ? ref.figures.cpu_per_call_ms : undefined;
    const ratio = ours !== undefined && theirs ? ours / theirs : undefined;
    console.log(
      `hotline per stream: ${round((ours ?? 0) / 2)} ms CPU/s (with recording); rtpengine: ${theirs === undefined ? 'n/a' : round(theirs / 2)} ms CPU/s; ratio ${ratio === undefined ? 'n/a' : round(ratio, 2)}`,
    );
    console.log(
      JSON.stringify({
        bench: 'media',
        max_calls: best?.n ?? 0,
        // A step that never got a window where the generator kept time on a quiet machine is not a result.
        stopped_by: stoppedBy ?? null,
        ...(best?.figures ?? {}),
        cpu_per_stream_ms: ours === undefined ? null : round(ours / 2),
        rtpengine_verdict: ref?.verdict ?? null,
        rtpengine_cpu_per_stream_ms: theirs === undefined ? null : round(theirs / 2),
        rtpengine_added_jitter_p99_ms: ref?.figures.added_jitter_p99_ms ?? null,
        ratio_vs_rtpengine: ratio === undefined ? null : round(ratio, 2),
        load_avg_1m_at_start: startLoad,
        session_priority: sessionPriority(),
        steps_tried: STEPS,
        measure_s: MEASURE_S,
      }),
    );
  } finally {
    gen.exit();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (NICE !== undefined && process.env[OWN_SESSION] === undefined) {
  // detached = setsid(): a new session, hence a new autogroup whose nice we may set.
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: 'inherit',
    env: { ...process.env, [OWN_SESSION]: '1' },
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 1));
} else await main();
