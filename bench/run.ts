/**
 * `npm run bench -- <name> [args]` runs `bench/<name>/index.ts`; without a name, lists them.
 * Each bench prints its figures and ends with one JSON line (see bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const available = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(here, e.name, 'index.ts')))
  .map((e) => e.name)
  .sort();
const [name, ...args] = process.argv.slice(2);
if (!name) {
  console.log(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none)'}`);
  process.exit(0);
}
if (!available.includes(name)) {
  console.error(`no bench "${name}"; available: ${available.join(', ')}`);
  process.exit(64);
}
const r = spawnSync(process.execPath, [join(here, name, 'index.ts'), ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
