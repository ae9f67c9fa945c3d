/**
 * bench/sip — REGISTER-with-digest and OPTIONS transactions per second, driven by sipp against our
 * registrar (packages/sip, its own process, guard off) and against Kamailio (Debian package, a
 * registrar with digest via the auth module and a static password, usrloc in memory) in the same run.
 *   npm run bench -- sip            (env: BENCH_SIP_REGISTERS=30000 BENCH_SIP_OPTIONS=60000 BENCH_SIP_LIMIT=100)
 * Last line: one JSON object with both rates and the ratios ours/Kamailio.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasTool, PEERS_DIR, runSipp } from '../../packages/sip/src/testing/peers.ts';

const N_REG = Number(process.env.BENCH_SIP_REGISTERS ?? 30_000);
const N_OPT = Number(process.env.BENCH_SIP_OPTIONS ?? 60_000);
const LIMIT = Number(process.env.BENCH_SIP_LIMIT ?? 100);
const OURS_PORT = 15520;
const KAM_PORT = 15530;
const KAM_CHILDREN = 2;
const MPATH = '/usr/lib/x86_64-linux-gnu/kamailio/modules/';
const root = join(import.meta.dirname, '..', '..');

interface Rate {
  ok: number;
  failed: number;
  seconds: number;
  perSecond: number;
}

async function measure(port: number, scenario: string, calls: number, localPort: number): Promise<Rate> {
  const r = await runSipp({
    scenario,
    server: { host: '127.0.0.1', port },
    localPort,
    service: '1001',
    authUser: '1001',
    authPass: 'secret',
    calls,
    rate: 50_000,
    limit: LIMIT,
    timeoutS: 120,
  });
  // The last statistics screen sipp prints holds the totals (cumulative column).
  const last = (re: RegExp) => {
    const all = [...r.output.matchAll(re)];
    return Number(all.at(-1)?.[1] ?? Number.NaN);
  };
  const ok = last(/Successful call\s+\|\s+\d+\s+\|\s+(\d+)/g);
  const failed = last(/Failed call\s+\|\s+\d+\s+\|\s+(\d+)/g);
  const seconds = last(/([0-9.]+) s\s+\d+\s+127\.0\.0\.1:\d+\(UDP\)/g);
  return { ok, failed, seconds, perSecond: Math.round(ok / seconds) };
}

function waitLine(p: ChildProcess, re: RegExp, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`no ${re} within ${ms} ms: ${buf.slice(-500)}`)), ms);
    const on = (d: Buffer) => {
      buf += d.toString();
      const m = re.exec(buf);
      if (m) {
        clearTimeout(t);
        resolve(m[0]);
      }
    };
    p.stdout?.on('data', on);
    p.stderr?.on('data', on);
  });
}

async function waitOptions(port: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await runSipp({
      scenario: 'uac-options.xml',
      server: { host: '127.0.0.1', port },
      localPort: 15549,
      timeoutS: 1,
    });
    if (r.code === 0) return;
    await new Promise((x) => setTimeout(x, 200));
  }
  throw new Error(`nothing answers OPTIONS on ${port}`);
}

function stop(p: ChildProcess | null): Promise<void> {
  return new Promise((resolve) => {
    if (!p || p.exitCode !== null) return resolve();
    const t = setTimeout(() => p.kill('SIGKILL'), 3000);
    p.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    p.kill('SIGTERM');
  });
}

async function benchTarget(name: string, port: number, base: number) {
  // Warm-up (JIT, caches, usrloc), then the measured runs.
  await measure(port, 'bench-register.xml', Math.min(2000, N_REG), base);
  const register = await measure(port, 'bench-register.xml', N_REG, base + 1);
  await measure(port, 'uac-options.xml', Math.min(2000, N_OPT), base + 2);
  const options = await measure(port, 'uac-options.xml', N_OPT, base + 3);
  console.log(
    `${name.padEnd(9)} REGISTER+digest ${register.perSecond}/s (${register.ok} ok, ${register.failed} failed, ${register.seconds} s; ` +
      `${register.perSecond * 2} transactions/s)   OPTIONS ${options.perSecond}/s (${options.ok} ok, ${options.failed} failed, ${options.seconds} s)`,
  );
  return { register, options };
}

async function main(): Promise<void> {
  if (!hasTool('sipp')) {
    console.log(JSON.stringify({ bench: 'sip', skipped: 'sipp not installed' }));
    return;
  }
  let ours: ChildProcess | null = null;
  let kam: ChildProcess | null = null;
  try {
    ours = spawn(
      process.execPath,
      [
        join(root, 'packages/sip/src/registrar-main.ts'),
        '--udp',
        String(OURS_PORT),
        '--users',
        '1001:secret',
        '--no-guard',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitLine(ours, /"ready":true/, 10_000);
    await waitOptions(OURS_PORT);
    const o = await benchTarget('hotline', OURS_PORT, 15540);

    let k: Awaited<ReturnType<typeof benchTarget>> | null = null;
    let kamNote: string | null = null;
    if (hasTool('kamailio')) {
      const dir = mkdtempSync(join(tmpdir(), 'kamailio-bench-'));
      const cfg = readFileSync(join(PEERS_DIR, 'kamailio-registrar.cfg.template'), 'utf8')
        .replaceAll('@CHILDREN@', String(KAM_CHILDREN))
        .replaceAll('@PORT@', String(KAM_PORT))
        .replaceAll('@MPATH@', MPATH)
        .replaceAll('@PASSWORD@', 'secret');
      writeFileSync(join(dir, 'kamailio.cfg'), cfg);
      kam = spawn('kamailio', ['-f', join(dir, 'kamailio.cfg'), '-DD', '-E', '-Y', dir, '-P', join(dir, 'k.pid')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await waitOptions(KAM_PORT);
      k = await benchTarget('kamailio', KAM_PORT, 15544);
    } else {
      kamNote = 'kamailio not installed';
      console.log(kamNote);
    }
    const ratio = (a: number, b: number | undefined) => (b ? Math.round((a / b) * 100) / 100 : null);
    console.log(
      JSON.stringify({
        bench: 'sip',
        register_digest_per_s: o.register.perSecond,
        options_per_s: o.options.perSecond,
        kamailio_register_digest_per_s: k?.register.perSecond ?? null,
        kamailio_options_per_s: k?.options.perSecond ?? null,
        ratio_register_vs_kamailio: ratio(o.register.perSecond, k?.register.perSecond),
        ratio_options_vs_kamailio: ratio(o.options.perSecond, k?.options.perSecond),
        failed: {
          ours: o.register.failed + o.options.failed,
          kamailio: k ? k.register.failed + k.options.failed : null,
        },
        sipp_concurrency: LIMIT,
        kamailio_children: KAM_CHILDREN,
        ...(kamNote ? { note: kamNote } : {}),
      }),
    );
  } finally {
    await stop(ours);
    await stop(kam);
  }
}

await main();
