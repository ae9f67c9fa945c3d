/** Starts `hotline control` as a real child process on a temp data dir and an ephemeral port. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');

export interface ControlProcess {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

export function startControlProcess(dataDir: string, extraEnv: Record<string, string> = {}): Promise<ControlProcess> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    HOTLINE_DATA_DIR: dataDir,
    HOTLINE_HTTP_PORT: '0',
    HOTLINE_HTTP_HOST: '127.0.0.1',
    HOTLINE_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const proc = spawn(process.execPath, [MAIN, 'control'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`control did not start:\n${out}`)), 150_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /Hotline is running: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve({ proc, url: m[1]!, output: () => out });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`control exited with ${code}:\n${out}`));
    });
  });
}

/** Sends `signal` and resolves once the process has exited (also when it already had). */
export function stopProcess(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });
}
