import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCENARIOS = join(import.meta.dirname, 'sipp');

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

export interface SippRun {
  proc: ChildProcess;
  dir: string;
  done: Promise<number>;
  stop(): void;
}

/**
 * Runs sipp on loopback with a scenario of this directory; `subst` replaces @NAME@ placeholders
 * (sipp does not expand keywords in exec attributes). Exit code 0 = every call succeeded.
 */
export function sipp(o: {
  scenario: string;
  remote: string;
  localPort: number;
  args?: string[];
  subst?: Record<string, string>;
  timeoutS?: number;
}): SippRun {
  const dir = mkdtempSync(join(tmpdir(), 'switch-sipp-'));
  let text = readFileSync(join(SCENARIOS, o.scenario), 'utf8');
  for (const [k, v] of Object.entries(o.subst ?? {})) text = text.replaceAll(`@${k}@`, v);
  const sf = join(dir, o.scenario);
  writeFileSync(sf, text);
  const proc = spawn(
    'sipp',
    [
      o.remote,
      '-sf',
      sf,
      '-i',
      '127.0.0.1',
      '-p',
      String(o.localPort),
      '-nostdin',
      '-trace_err',
      '-timeout',
      `${o.timeoutS ?? 120}s`,
      '-timeout_error',
      ...(o.args ?? []),
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', openSync(join(dir, 'stderr.log'), 'w')] },
  );
  running.add(proc);
  const done = new Promise<number>((resolve) =>
    proc.once('exit', (code) => {
      running.delete(proc);
      resolve(code ?? -1);
    }),
  );
  return { proc, dir, done, stop: () => proc.kill('SIGKILL') };
}

/** sipp arguments for `register.xml`: `extension` registers with `password`, contact on `contactPort`. */
export function registerArgs(extension: string, password: string, contactPort: number, count = 1): string[] {
  const auth = ['-s', extension, '-au', extension, '-ap', password];
  return [...auth, '-key', 'contact_port', String(contactPort), '-key', 'expires', '600', '-m', String(count)];
}

/** A μ-law raw file with a sine tone, for sipp's rtp_stream. */
export function ulawTone(hz: number, seconds: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tone-'));
  const f = join(dir, `tone-${hz}.ulaw`);
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
    f,
    'synth',
    String(seconds),
    'sine',
    String(hz),
    'vol',
    '0.3',
  ]);
  return f;
}
