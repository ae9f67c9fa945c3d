/**
 * Runs every test file with node's test runner.
 *   node scripts/test.ts            all tests (*.test.ts, including *.int.test.ts and *.e2e.test.ts)
 *   node scripts/test.ts --unit     only unit tests (no *.int.test.ts / *.e2e.test.ts)
 *   node scripts/test.ts --db       only tests that open a database (run again on PostgreSQL by CI)
 *   node scripts/test.ts <filter>   files whose path contains <filter>
 * Integration tests that need a missing peer (sipp, baresip, PostgreSQL, Chromium) skip themselves
 * with the reason; CI installs the peers so nothing is skipped there.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const dbOnly = args.includes('--db');
const filters = args.filter((a) => !a.startsWith('--'));

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
}

const files: string[] = [];
for (const top of ['packages', 'apps', 'bench', 'scripts']) {
  try {
    walk(join(root, top), files);
  } catch {
    // directory absent
  }
}
const selected = files
  .map((f) => relative(root, f))
  .filter((f) => !unitOnly || !/\.(int|e2e)\.test\.ts$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .filter((f) => !dbOnly || /openTestStore|HOTLINE_TEST_DATABASE_URL/.test(readFileSync(join(root, f), 'utf8')))
  .sort();
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
if (selected.some((f) => f.endsWith('.e2e.test.ts'))) {
  // Browser tests need the built web app; build it once here, not in each test file.
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const b = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: join(root, 'apps', 'web'),
    stdio: 'inherit',
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
console.log(`running ${selected.length} test files`);
// Browser tests each run a control process and Chromium: on two cores they run one at a time,
// after the rest, so that load does not turn their waits into flakes.
const browser = selected.filter((f) => f.endsWith('.e2e.test.ts'));
const others = selected.filter((f) => !f.endsWith('.e2e.test.ts'));
let status = 0;
for (const [files, concurrency] of [
  [others, 2],
  [browser, 1],
] as const) {
  if (files.length === 0) continue;
  const r = spawnSync(
    process.execPath,
    ['--test', `--test-concurrency=${concurrency}`, '--test-timeout=600000', '--test-reporter=spec', ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  if (r.status !== 0) status = r.status ?? 1;
}
process.exit(status);
