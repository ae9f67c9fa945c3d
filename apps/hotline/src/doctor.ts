import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { Config } from './config.ts';
import { openConfiguredStore } from './control.ts';

function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

const TOOLS: [string, string][] = [
  ['espeak-ng', 'TTS prompts'],
  ['sox', 'audio conversion'],
  ['sipp', 'SIP tests and benchmarks'],
  ['baresip', 'SIP phone tests'],
  ['chromium', 'browser tests'],
];

/** Prints one line per check; exit 1 when something required fails. */
export async function runDoctor(config: Config): Promise<number> {
  let failed = 0;
  const line = (ok: boolean | 'warn', what: string) => {
    if (ok === false) failed++;
    process.stdout.write(`${ok === true ? 'ok  ' : ok === 'warn' ? 'warn' : 'FAIL'}  ${what}\n`);
  };
  const major = Number(process.versions.node.split('.')[0]);
  line(major >= 24, `node ${process.versions.node} (need ≥ 24)`);
  try {
    const store = await openConfiguredStore(config);
    line(true, `database ${store.dialect} reachable, ${store.migrations?.alreadyApplied ?? 0} migrations present`);
    await store.close();
  } catch (e) {
    line(false, `database: ${(e as Error).message}`);
  }
  const host = config.httpHost;
  line(
    (await portFree(host, config.httpPort)) ? true : 'warn',
    `HTTP port ${config.httpPort} free (in use if Hotline runs)`,
  );
  for (const [bin, why] of TOOLS) {
    const r = spawnSync('sh', ['-c', `command -v ${bin}`]);
    line(
      r.status === 0 ? true : 'warn',
      `${bin} ${r.status === 0 ? 'found' : 'missing'} (${why}; scripts/setup-system installs it)`,
    );
  }
  return failed ? 1 : 0;
}
