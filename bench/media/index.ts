/**
 * bench/media — N concurrent bridged G.711 calls through the media engine, each recorded to a
 * stereo WAV, with RTP both ways at 50 pps from a load generator in a separate process. Steps N up
 * until loss reaches 0.1 %, then runs the same generator through Debian's rtpengine (userspace
 * relay, no recording) as the reference. Last line: one JSON object.
 *
 *   npm run bench -- media            (env: BENCH_STEPS="100,200,300,400", BENCH_SECONDS=8)
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MediaEngine } from '../../packages/media/src/index.ts';
import { type Bval, bdecode, bencode } from './bencode.ts';

const STEPS = (process.env.BENCH_STEPS ?? '100,200,300,400,500').split(',').map(Number);
const MEASURE_S = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_MS = 1500;
const LOSS_LIMIT_PCT = 0.1;
const ENGINE_PORTS = [30000, 34000] as const;
const RTPENGINE_PORTS = [36000, 39998] as const;
const NG_PORT = 22222;

interface GenReport {
  sent: number;
  received: number;
  lossPct: number;
  pdvP50: number;
  pdvP99: number;
}

class Generator {
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
}

function cpuMsOfPid(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 (1-based) of /proc/PID/stat; here offset by the 2 removed.
  return ((Number(parts[11]) + Number(parts[12])) * 1000) / 100; // CLK_TCK = 100 on Linux
}

/** Runs one measured window against `targets`; `cpu()` reads the CPU ms of the system under test. */
async function measure(gen: Generator, targets: number[], cpu: () => number) {
  await gen.ask({ op: 'start', targets }, 'started');
  await sleep(WARMUP_MS);
  const g0 = (await gen.ask({ op: 'measure' }, 'measuring')).cpu as NodeJS.CpuUsage;
  const c0 = cpu();
  const t0 = performance.now();
  await sleep(MEASURE_S * 1000);
  const c1 = cpu();
  const wall = performance.now() - t0;
  const r = await gen.ask({ op: 'stopSending' }, 'report');
  const g1 = r.cpu as NodeJS.CpuUsage;
  return {
    report: r.report as GenReport,
    cpuMs: c1 - c0,
    wallMs: wall,
    generatorCpuPct: ((g1.user + g1.system - g0.user - g0.system) / 1000 / wall) * 100,
  };
}

async function runOurs(gen: Generator, n: number, dir: string) {
  const engine = new MediaEngine({
    workers: 2,
    bindAddress: '127.0.0.1',
    portMin: ENGINE_PORTS[0],
    portMax: ENGINE_PORTS[1],
    deadMediaMs: 60_000,
  });
  await engine.start();
  const ports = (await gen.ask({ op: 'open', calls: n }, 'opened')).ports as number[];
  const targets: number[] = [];
  const legs: string[] = [];
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
    legs.push(a.endpointId, b.endpointId);
  }
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const m = await measure(gen, targets, cpu);
  const load = await engine.load();
  const closed = await Promise.all(recs.map((r) => engine.recordStop(r)));
  await gen.ask({ op: 'close' }, 'closed');
  await engine.stop();
  return {
    ...m,
    lateTicks: load.reduce((s, l) => s + l.lateTicks, 0),
    recordedS: closed.reduce((s, c) => s + c.durationMs, 0) / 1000 / n,
  };
}

function ngClient(port: number) {
  const sock = createSocket('udp4');
  let seq = 0;
  const pending = new Map<string, (v: Record<string, Bval>) => void>();
  sock.on('message', (msg) => {
    const sp = msg.indexOf(0x20);
    const cookie = msg.subarray(0, sp).toString();
    pending.get(cookie)?.(bdecode(msg.subarray(sp + 1)) as Record<string, Bval>);
    pending.delete(cookie);
  });
  return {
    call(cmd: Record<string, Bval>): Promise<Record<string, Bval>> {
      const cookie = `c${++seq}`;
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`ng ${cmd.command} timed out`)), 3000);
        pending.set(cookie, (v) => {
          clearTimeout(t);
          resolve(v);
        });
        sock.send(`${cookie} ${bencode(cmd)}`, port, '127.0.0.1');
      });
    },
    close: () => sock.close(),
  };
}

const sdpFor = (port: number) =>
  `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n`;
const portOf = (sdp: string) => Number(/m=audio (\d+)/.exec(sdp)?.[1]);

async function runRtpengine(gen: Generator, n: number) {
  const proc = spawn(
    'rtpengine',
    [
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${NG_PORT}`,
      '--table=-1',
      '--foreground',
      `--port-min=${RTPENGINE_PORTS[0]}`,
      `--port-max=${RTPENGINE_PORTS[1]}`,
      '--log-level=3',
      '--no-redis-required',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  proc.stderr!.on('data', (d) => {
    err += d;
  });
  const ng = ngClient(NG_PORT);
  try {
    for (let i = 0; i < 50; i++) {
      const pong = await ng.call({ command: 'ping' }).catch(() => undefined);
      if (pong?.result === 'pong') break;
      if (i === 49) throw new Error(`rtpengine did not answer ping: ${err.slice(0, 400)}`);
      await sleep(100);
    }
    const ports = (await gen.ask({ op: 'open', calls: n }, 'opened')).ports as number[];
    const targets: number[] = [];
    for (let c = 0; c < n; c++) {
      const callId = `bench-${c}`;
      const offer = await ng.call({ command: 'offer', 'call-id': callId, 'from-tag': 'a', sdp: sdpFor(ports[2 * c]!) });
      const answer = await ng.call({
        command: 'answer',
        'call-id': callId,
        'from-tag': 'a',
        'to-tag': 'b',
        sdp: sdpFor(ports[2 * c + 1]!),
      });
      if (offer.result !== 'ok' || answer.result !== 'ok')
        throw new Error(`ng offer/answer failed: ${JSON.stringify([offer, answer]).slice(0, 300)}`);
      // A sends to the port in the answer (rtpengine's side facing A); B to the one in the offer.
      targets.push(portOf(answer.sdp as string), portOf(offer.sdp as string));
    }
    const m = await measure(gen, targets, () => cpuMsOfPid(proc.pid!));
    await gen.ask({ op: 'close' }, 'closed');
    return m;
  } finally {
    ng.close();
    proc.kill('SIGTERM');
    await sleep(300);
  }
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

async function main() {
  const gen = new Generator();
  const dir = mkdtempSync(join(tmpdir(), 'bench-media-'));
  const steps: Record<string, unknown>[] = [];
  let best: { n: number; cpuPerCallMs: number; lossPct: number; pdvP99: number } | undefined;
  try {
    for (const n of STEPS) {
      const stepDir = join(dir, `n${n}`);
      mkdirSync(stepDir);
      const r = await runOurs(gen, n, stepDir);
      const cpuPerCallMs = r.cpuMs / (r.wallMs / 1000) / n; // CPU ms per second of call
      const step = {
        system: 'hotline',
        calls: n,
        loss_pct: round(r.report.lossPct),
        added_jitter_p50_ms: round(r.report.pdvP50, 2),
        added_jitter_p99_ms: round(r.report.pdvP99, 2),
        cpu_pct: round((r.cpuMs / r.wallMs) * 100, 1),
        cpu_per_call_ms: round(cpuPerCallMs),
        generator_cpu_pct: round(r.generatorCpuPct, 1),
        late_ticks: r.lateTicks,
        recorded_s_per_call: round(r.recordedS, 1),
      };
      console.log(JSON.stringify(step));
      steps.push(step);
      rmSync(stepDir, { recursive: true, force: true });
      if (r.report.lossPct >= LOSS_LIMIT_PCT) break;
      best = { n, cpuPerCallMs, lossPct: r.report.lossPct, pdvP99: r.report.pdvP99 };
    }
    const refN = best?.n ?? STEPS[0]!;
    let ratio: number | undefined;
    let ref: Record<string, unknown> | undefined;
    try {
      const r = await runRtpengine(gen, refN);
      const cpuPerCallMs = r.cpuMs / (r.wallMs / 1000) / refN;
      ref = {
        system: 'rtpengine',
        calls: refN,
        loss_pct: round(r.report.lossPct),
        added_jitter_p99_ms: round(r.report.pdvP99, 2),
        cpu_pct: round((r.cpuMs / r.wallMs) * 100, 1),
        cpu_per_call_ms: round(cpuPerCallMs),
      };
      console.log(JSON.stringify(ref));
      if (best && cpuPerCallMs > 0) ratio = best.cpuPerCallMs / 2 / (cpuPerCallMs / 2);
    } catch (e) {
      console.error(`rtpengine reference failed: ${(e as Error).message}`);
    }
    console.log(
      `hotline per stream: ${round((best?.cpuPerCallMs ?? 0) / 2)} ms CPU/s (with recording); rtpengine: ${round(((ref?.cpu_per_call_ms as number) ?? 0) / 2)} ms CPU/s; ratio ${ratio === undefined ? 'n/a' : round(ratio, 2)}`,
    );
    console.log(
      JSON.stringify({
        bench: 'media',
        max_calls: best?.n ?? 0,
        loss_pct: round(best?.lossPct ?? 100),
        cpu_per_call_ms: round(best?.cpuPerCallMs ?? 0),
        cpu_per_stream_ms: round((best?.cpuPerCallMs ?? 0) / 2),
        added_jitter_p99_ms: round(best?.pdvP99 ?? 0, 2),
        rtpengine_cpu_per_stream_ms: ref ? round((ref.cpu_per_call_ms as number) / 2) : null,
        ratio_vs_rtpengine: ratio === undefined ? null : round(ratio, 2),
        steps_tried: STEPS,
        measure_s: MEASURE_S,
      }),
    );
  } finally {
    gen.child.send({ op: 'exit' });
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
