import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_EXTENSIONS, TOKEN } from './harness.ts';

const CHILD = join(import.meta.dirname, 'fixtures', 'switch-child.ts');

/**
 * Writes `<dataDir>/child.json` for `fixtures/switch-child.ts` (the demo extensions, the test
 * token) and returns its path; every start of the child on it reuses the same data directory.
 */
export function writeChildConfig(o: {
  dataDir: string;
  sipPort: number;
  controlPort: number;
  rtp: [number, number];
  guard?: { maxFailuresPerIp?: number; banMs?: number };
}): string {
  const file = join(o.dataDir, 'child.json');
  writeFileSync(file, JSON.stringify({ ...o, token: TOKEN, config: { extensions: DEMO_EXTENSIONS } }));
  return file;
}

/** Starts a switch in its own process on a `writeChildConfig` file; resolves once it listens. */
export function startChild(file: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [CHILD, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('switch child did not start')), 20_000);
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (l) => {
      if (l.includes('"ready"')) {
        clearTimeout(t);
        resolve(proc);
      }
    });
    proc.once('exit', (code) => reject(new Error(`switch child exited ${code}`)));
  });
}

/** SIGKILL (a crash); resolves once the process is gone (at once when it already is). */
export const kill9 = (p: ChildProcess) =>
  new Promise<void>((r) => {
    if (p.exitCode !== null || p.signalCode !== null) return r();
    p.once('exit', () => r());
    p.kill('SIGKILL');
  });
