#!/usr/bin/env node
// Launcher: runs the TypeScript CLI on the project's Node 24 (from the `node` npm package), whatever
// Node happens to be first on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const main = join(here, '..', 'src', 'main.ts');
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  await import(main);
} else {
  let dir = here;
  let node = null;
  for (let i = 0; i < 6 && !node; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '.bin', 'node');
    if (existsSync(candidate)) node = candidate;
  }
  if (!node) {
    console.error(`hotline needs Node 24 or later (found ${process.versions.node}); run \`npm install\` first`);
    process.exit(1);
  }
  const r = spawnSync(node, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
