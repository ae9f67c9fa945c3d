/**
 * `hotline start`: starts the control process (and, once it exists, the switch) as child
 * processes, restarts a crashed child with back-off, and shuts everything down on SIGINT/SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Logger } from './log.ts';

const MAIN = join(import.meta.dirname, 'main.ts');
const MAX_BACKOFF_MS = 10_000;

interface Child {
  name: string;
  args: string[];
  proc: ChildProcess | null;
  restarts: number;
  startedAt: number;
}

export function runSupervisor(log: Logger, children: { name: string; args: string[] }[]): Promise<number> {
  let stopping = false;
  const kids: Child[] = children.map((c) => ({ ...c, proc: null, restarts: 0, startedAt: 0 }));

  const start = (c: Child) => {
    c.startedAt = Date.now();
    c.proc = spawn(process.execPath, [MAIN, ...c.args], { stdio: 'inherit', env: process.env });
    log.info({ child: c.name, pid: c.proc.pid }, 'child started');
    c.proc.on('exit', (code, signal) => {
      c.proc = null;
      if (stopping) return;
      if (code === 78) {
        // EX_CONFIG: a configuration error will not fix itself by restarting.
        log.error({ child: c.name }, 'child exited with a configuration error; stopping');
        void stop('SIGTERM').then(() => process.exit(78));
        return;
      }
      // A child that ran for a minute starts over at the shortest back-off.
      if (Date.now() - c.startedAt > 60_000) c.restarts = 0;
      const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** c.restarts++);
      log.warn({ child: c.name, code, signal, restartInMs: delay }, 'child exited; restarting');
      setTimeout(() => !stopping && start(c), delay);
    });
  };

  const stop = async (signal: NodeJS.Signals) => {
    stopping = true;
    await Promise.all(
      kids.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (!c.proc) return resolve();
            const t = setTimeout(() => c.proc?.kill('SIGKILL'), 10_000);
            c.proc.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            c.proc.kill(signal);
          }),
      ),
    );
  };

  return new Promise((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        log.info({ signal: sig }, 'shutting down');
        void stop('SIGTERM').then(() => resolve(0));
      });
    }
    for (const c of kids) start(c);
  });
}
