/**
 * bench/calls — complete calls driven by sipp: INVITE → 407 → INVITE with digest → answer →
 * 5 s of audio → BYE, through the switch (B2BUA, media relayed and every call recorded) to a
 * registered sipp agent that echoes RTP. The same load, through Kamailio as a stateful proxy
 * (tm, digest checked with pv_proxy_authenticate) to a sipp UAS, is the signalling reference.
 *
 * For each target the call rate steps up; a step passes when under 0.1 % of its calls fail.
 * Printed: highest passing CPS for both, peak concurrent recorded calls on the switch, the ratio.
 * Last line: one JSON object.   npm run bench -- calls [--hold-ms 5000] [--step-s 10] [--max-cps 160]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SwitchConfig } from '@hotline/contracts';
import { startSwitchRuntime } from '@hotline/switch';

const { values } = parseArgs({
  options: {
    'hold-ms': { type: 'string', default: '5000' },
    'step-s': { type: 'string', default: '10' },
    'max-cps': { type: 'string', default: '160' },
  },
});
const HOLD_MS = Number(values['hold-ms']);
const STEP_S = Number(values['step-s']);
const MAX_CPS = Number(values['max-cps']);
const RATES = [5, 10, 20, 40, 60, 80, 100, 120, 160, 200, 250, 300].filter((r) => r <= MAX_CPS);
const SCENARIOS = join(import.meta.dirname, '..', '..', 'packages', 'switch', 'test', 'peers', 'sipp');
const SWITCH_SIP = 16500;
const KAMAILIO_SIP = 16520;
const PASSWORD = 'bench-2001-pass';

const has = (t: string) => {
  try {
    execFileSync('which', [t], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
for (const t of ['sipp', 'sox']) if (!has(t)) throw new Error(`${t} is required for bench/calls`);

const work = mkdtempSync(join(tmpdir(), 'bench-calls-'));
const tone = join(work, 'tone.ulaw');
execFileSync('sox', [
  '-n',
  '-r',
  '8000',
  '-c',
  '1',
  '-e',
  'u-law',
  '-t',
  'raw',
  tone,
  'synth',
  String(HOLD_MS / 1000),
  'sine',
  '440',
  'vol',
  '0.3',
]);

function scenario(name: string, subst: Record<string, string>): string {
  let text = readFileSync(join(SCENARIOS, name), 'utf8');
  for (const [k, v] of Object.entries(subst)) text = text.replaceAll(`@${k}@`, v);
  const f = join(work, name);
  writeFileSync(f, text);
  return f;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function run(cmd: string, args: string[], cwd = work): { proc: ChildProcess; done: Promise<number> } {
  const proc = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'ignore'] });
  children.add(proc);
  const done = new Promise<number>((r) =>
    proc.once('exit', (c) => {
      children.delete(proc);
      r(c ?? -1);
    }),
  );
  return { proc, done };
}

/** Successful and failed call counts from sipp's statistics CSV (last line, cumulative columns). */
function sippCounts(dir: string, prefix: string): { ok: number; failed: number } {
  const f = execFileSync('sh', ['-c', `ls ${dir}/${prefix}_*_.csv | tail -1`])
    .toString()
    .trim();
  const lines = readFileSync(f, 'utf8').trim().split('\n');
  const head = (lines[0] as string).split(';');
  const last = (lines.at(-1) as string).split(';');
  const col = (n: string) => Number(last[head.indexOf(n)] ?? 0);
  return { ok: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
}

/** One rate step: `rate` cps for STEP_S seconds; resolves with the counts. */
async function step(target: string, rate: number, extra: string[]): Promise<{ ok: number; failed: number }> {
  const dir = mkdtempSync(join(work, `step-${rate}-`));
  const sf = scenario('uac-digest-call.xml', { AUDIO: tone, HOLD_MS: String(HOLD_MS) });
  const calls = rate * STEP_S;
  const r = run(
    'sipp',
    [
      target,
      '-sf',
      sf,
      '-s',
      '2002',
      '-key',
      'caller',
      '2001',
      '-au',
      '2001',
      '-ap',
      PASSWORD,
      '-i',
      '127.0.0.1',
      '-mi',
      '127.0.0.1',
      '-p',
      '16530',
      '-mp',
      '40000',
      '-r',
      String(rate),
      '-m',
      String(calls),
      '-l',
      String(rate * (HOLD_MS / 1000 + 5)),
      '-nostdin',
      '-trace_stat',
      '-trace_err',
      '-fd',
      '1',
      '-timeout',
      `${STEP_S + HOLD_MS / 1000 + 30}s`,
      '-timeout_error',
      ...extra,
    ],
    dir,
  );
  await r.done;
  const c = sippCounts(dir, 'uac-digest-call');
  return { ok: c.ok, failed: c.ok + c.failed < calls ? calls - c.ok : c.failed };
}

async function search(
  label: string,
  target: string,
  sample?: () => number,
): Promise<{ cps: number; peak: number; steps: unknown[] }> {
  let best = 0;
  let peak = 0;
  const steps: unknown[] = [];
  for (const rate of RATES) {
    let stepPeak = 0;
    const timer = sample ? setInterval(() => (stepPeak = Math.max(stepPeak, sample())), 250) : null;
    const c = await step(target, rate, []);
    if (timer) clearInterval(timer);
    const total = c.ok + c.failed;
    const failPct = total ? (100 * c.failed) / total : 100;
    steps.push({ rate, ok: c.ok, failed: c.failed, peak: stepPeak });
    console.log(
      `${label}: ${rate} cps → ${c.ok} ok, ${c.failed} failed (${failPct.toFixed(2)} %)${sample ? `, peak ${stepPeak} concurrent recorded calls` : ''}`,
    );
    if (failPct >= 0.1) break;
    best = rate;
    peak = Math.max(peak, stepPeak);
    await new Promise((r) => setTimeout(r, 2000));
  }
  return { cps: best, peak, steps };
}

// ------------------------------------------------------------------------------ the switch
const log = { info: () => undefined, warn: () => undefined };
const rt = await startSwitchRuntime({
  sipHost: '127.0.0.1',
  sipPort: SWITCH_SIP,
  rtpPortMin: 20000,
  rtpPortMax: 30000,
  recordingsDir: join(work, 'recordings'),
  dataDir: work,
  controlHost: '127.0.0.1',
  controlPort: 0,
  controlToken: 'bench-token-0123456789',
  // One sipp source drives thousands of requests/s: the guard stays in the path (its cost is
  // measured) but its per-IP rate limit is lifted (decision 0304).
  guard: { ratePerSecond: 1_000_000, rateBurst: 1_000_000 },
  initialConfig: SwitchConfig.parse({
    extensions: [
      { extension: '2001', password: PASSWORD, permission: 'local' },
      { extension: '2002', password: 'bench-2002-pass', permission: 'local' },
    ],
  }),
  log,
});
const agentScenario = scenario('uas-echo.xml', {});
const agent = run('sipp', [
  '127.0.0.1:16500',
  '-sf',
  agentScenario,
  '-i',
  '127.0.0.1',
  '-mi',
  '127.0.0.1',
  '-p',
  '16512',
  '-mp',
  '45000',
  '-rtp_echo',
  '-nostdin',
]);
const reg = run('sipp', [
  `127.0.0.1:${SWITCH_SIP}`,
  '-sf',
  scenario('register.xml', {}),
  '-i',
  '127.0.0.1',
  '-p',
  '16511',
  '-s',
  '2002',
  '-au',
  '2002',
  '-ap',
  'bench-2002-pass',
  '-key',
  'contact_port',
  '16512',
  '-key',
  'expires',
  '3600',
  '-m',
  '1',
  '-nostdin',
  '-timeout',
  '10s',
  '-timeout_error',
]);
if ((await reg.done) !== 0) throw new Error('agent registration failed');
console.log(`switch: ${cpus().length} media workers, recording every call into ${work}/recordings`);
const sw = await search('switch', `127.0.0.1:${SWITCH_SIP}`, () => rt.sw.bridges.size);
agent.proc.kill('SIGKILL');
await rt.close();

// ------------------------------------------------------------------------------ Kamailio
let kam: { cps: number; steps: unknown[] } | null = null;
if (has('kamailio')) {
  const mod = '/usr/lib/x86_64-linux-gnu/kamailio/modules';
  const cfg = join(work, 'kamailio.cfg');
  writeFileSync(
    cfg,
    `#!KAMAILIO
debug=0
log_stderror=no
fork=yes
children=${Math.max(2, cpus().length)}
listen=udp:127.0.0.1:${KAMAILIO_SIP}
mpath="${mod}/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "auth.so"
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    if (loose_route()) { t_relay(); exit; }
    if (is_method("ACK")) { if (t_check_trans()) t_relay(); exit; }
    t_relay();
    exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
  if (is_method("INVITE")) {
    if (!pv_proxy_authenticate("$fd", "${PASSWORD}", "0")) { proxy_challenge("$fd", "0"); exit; }
    consume_credentials();
    record_route();
  }
  $du = "sip:127.0.0.1:16522";
  t_relay();
}
`,
  );
  const k = run('kamailio', ['-f', cfg, '-DD', '-E', '-w', work]);
  const uas = run('sipp', [
    '-sf',
    agentScenario,
    '-i',
    '127.0.0.1',
    '-mi',
    '127.0.0.1',
    '-p',
    '16522',
    '-mp',
    '46000',
    '-rtp_echo',
    '-nostdin',
  ]);
  await new Promise((r) => setTimeout(r, 1500));
  kam = await search('kamailio', `127.0.0.1:${KAMAILIO_SIP}`);
  k.proc.kill('SIGTERM');
  uas.proc.kill('SIGKILL');
} else console.log('kamailio not installed: no reference run');

const ratio = kam && kam.cps > 0 ? sw.cps / kam.cps : null;
console.log(
  `switch max ${sw.cps} cps (< 0.1 % failures), ${sw.peak} concurrent recorded calls; kamailio ${kam?.cps ?? '-'} cps; ratio ${ratio?.toFixed(2) ?? '-'}`,
);
console.log(
  JSON.stringify({
    bench: 'calls',
    hold_ms: HOLD_MS,
    switch_max_cps: sw.cps,
    switch_peak_concurrent_recorded: sw.peak,
    kamailio_max_cps: kam?.cps ?? null,
    ratio_vs_kamailio: ratio === null ? null : Number(ratio.toFixed(3)),
    rate_ceiling: MAX_CPS,
  }),
);
process.exit(0);
