import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './log.ts';

const WEB = join(import.meta.dirname, '..', '..', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app with Vite when `apps/web/dist` is missing or older than its sources. */
export async function ensureWebBuilt(log: Logger): Promise<void> {
  if (!existsSync(join(WEB, 'package.json'))) return;
  const dist = join(WEB, 'dist', 'index.html');
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(join(WEB, 'src'))) return;
  log.info('building the web app (first start or sources changed)');
  const vite = join(WEB, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('web build failed');
}
