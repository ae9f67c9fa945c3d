/**
 * Test and bench support: drives the real SIP peers (sipp, baresip, linphonec) on 127.0.0.1 with the
 * scenario files and templates in `packages/sip/test-peers/`. Not part of the public API.
 * Every process is started asynchronously (the server under test runs in the same event loop)
 * and is bounded by a timeout.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PEERS_DIR = join(import.meta.dirname, '..', '..', 'test-peers');

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export interface SippRun {
  code: number | null;
  dir: string;
  output: string;
}

export interface SippOptions {
  scenario: string;
  server: { host: string; port: number };
  localPort: number;
  transport?: 'udp' | 'tcp';
  service?: string;
  authUser?: string;
  authPass?: string;
  keys?: Record<string, string>;
  calls?: number;
  rate?: number;
  limit?: number;
  timeoutS?: number;
  extra?: string[];
}

export function sippArgs(o: SippOptions): string[] {
  const args = ['-sf', join(PEERS_DIR, o.scenario), '-i', '127.0.0.1', '-p', String(o.localPort)];
  if (o.transport === 'tcp') args.push('-t', 't1');
  if (o.service) args.push('-s', o.service);
  if (o.authUser) args.push('-au', o.authUser);
  if (o.authPass !== undefined) args.push('-ap', o.authPass);
  for (const [k, v] of Object.entries(o.keys ?? {})) args.push('-key', k, v);
  args.push('-m', String(o.calls ?? 1));
  if (o.rate) args.push('-r', String(o.rate));
  if (o.limit) args.push('-l', String(o.limit));
  args.push('-nostdin', '-trace_err', '-timeout', `${o.timeoutS ?? 10}s`, '-timeout_error', ...(o.extra ?? []));
  args.push(`${o.server.host}:${o.server.port}`);
  return args;
}

export function runSipp(o: SippOptions): Promise<SippRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  return new Promise((resolve) => {
    const p = spawn('sipp', sippArgs(o), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.on('data', (d) => (output += d));
    p.stderr.on('data', (d) => (output += d));
    const kill = setTimeout(() => p.kill('SIGKILL'), ((o.timeoutS ?? 10) + 10) * 1000);
    p.on('close', (code) => {
      clearTimeout(kill);
      resolve({ code, dir, output });
    });
  });
}

export interface PeerProcess {
  readonly dir: string;
  readonly proc: ChildProcess;
  output(): string;
  /** Resolves when `re` appears in the output, or rejects after `ms`. */
  waitFor(re: RegExp, ms: number): Promise<void>;
  send(line: string): void;
  stop(): Promise<void>;
}

function track(proc: ChildProcess, dir: string): PeerProcess {
  let out = '';
  const waiters: Array<{ re: RegExp; done: () => void }> = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) if (w.re.test(out)) w.done();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  return {
    dir,
    proc,
    output: () => out,
    waitFor(re, ms) {
      if (re.test(out)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${re}`)), ms);
        waiters.push({
          re,
          done: () => {
            clearTimeout(t);
            resolve();
          },
        });
      });
    },
    send(line) {
      proc.stdin?.write(`${line}\n`);
    },
    stop() {
      return new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        proc.kill('SIGTERM');
      });
    },
  };
}

/** Headless baresip with one account line, e.g. `<sip:1001@127.0.0.1:5060>;auth_pass=x;regint=60`. */
export function startBaresip(o: { sipPort: number; ctrlPort: number; account: string }): PeerProcess {
  const dir = mkdtempSync(join(tmpdir(), 'baresip-'));
  mkdirSync(join(dir, 'rec'));
  const conf = readFileSync(join(PEERS_DIR, 'baresip-config.template'), 'utf8')
    .replaceAll('@SIP_PORT@', String(o.sipPort))
    .replaceAll('@AUDIO_SOURCE@', 'ausine,440')
    .replaceAll('@RTP_PORTS@', `${o.sipPort + 100}-${o.sipPort + 120}`)
    .replaceAll('@REC_DIR@', join(dir, 'rec'))
    .replaceAll('@CTRL_PORT@', String(o.ctrlPort))
    .replaceAll('@CONS_PORT@', String(o.ctrlPort + 1));
  writeFileSync(join(dir, 'config'), conf);
  writeFileSync(join(dir, 'accounts'), `${o.account}\n`);
  writeFileSync(join(dir, 'contacts'), '');
  // stdin must be /dev/null: baresip's epoll on a pipe fails in this sandbox (see test-peers/README.md).
  const proc = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return track(proc, dir);
}

/** Headless linphonec; commands go to its stdin (`register <identity> <proxy> <password>`). */
export function startLinphonec(o: { name: string; sipPort: number; rtpPort: number }): PeerProcess {
  const dir = mkdtempSync(join(tmpdir(), 'linphone-'));
  // liblinphone opens no SIP port unless it can create its sqlite db under $HOME.
  mkdirSync(join(dir, 'home', '.local', 'share', 'linphone'), { recursive: true });
  mkdirSync(join(dir, 'home', '.config'), { recursive: true });
  const rc = readFileSync(join(PEERS_DIR, 'linphonerc.template'), 'utf8')
    .replaceAll('@SIP_PORT@', String(o.sipPort))
    .replaceAll('@RTP_PORT@', String(o.rtpPort))
    .replaceAll('@USER@', o.name);
  writeFileSync(join(dir, 'rc'), rc);
  const proc = spawn('linphonec', ['-c', join(dir, 'rc'), '-d', '0'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, HOME: join(dir, 'home') },
  });
  return track(proc, dir);
}
