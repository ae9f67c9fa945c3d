/**
 * Knowledge-base suggestion latency (issue 7: top 5 in under 100 ms) and recall@3 on the shipped
 * test set, through the database path. `npm run bench -- kb [--pg] [--rounds N]`: embedded PGlite by
 * default; `--pg` uses HOTLINE_BENCH_DATABASE_URL / HOTLINE_TEST_DATABASE_URL / the local test cluster.
 * The corpus can be enlarged with `--copies N` (each copy re-publishes the 220 articles under new ids).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  ArticleRepository,
  defaultSegmenter,
  KbSearch,
  loadTestArticles,
  loadTestQueries,
  recallAtK,
  seedKbDemo,
} from '@hotline/kb';
import { openStore, type Store, sql } from '@hotline/store';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const usePg = process.argv.includes('--pg');
const ROUNDS = arg('rounds', 5);
const COPIES = arg('copies', 0);
const pct = (s: number[], p: number): number => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;

async function open(): Promise<{ store: Store; drop: () => Promise<void> }> {
  if (!usePg) {
    const store = await openStore({ dataDir: null });
    return { store, drop: async () => {} };
  }
  const url =
    process.env.HOTLINE_BENCH_DATABASE_URL ??
    process.env.HOTLINE_TEST_DATABASE_URL ??
    execFileSync('bash', [join(import.meta.dirname, '..', '..', 'scripts', 'start-test-postgres')], {
      encoding: 'utf8',
    }).trim();
  const schema = `bench_kb_${randomBytes(4).toString('hex')}`;
  const store = await openStore({ databaseUrl: url, schema, poolSize: 4 });
  return {
    store,
    drop: async () => void (await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db)),
  };
}

const { store, drop } = await open();
try {
  const ids = await seedKbDemo(store);
  const repo = new ArticleRepository(store, defaultSegmenter());
  const articles = loadTestArticles();
  for (let c = 0; c < COPIES; c++) {
    for (const a of articles) {
      const x = await repo.create({ title: a.title, body: a.body, tags: [...a.tags, a.category] });
      await repo.transition(x.id, 'review');
      await repo.transition(x.id, 'published');
    }
  }
  const search = new KbSearch(store, defaultSegmenter());
  const queries = loadTestQueries();
  const code = new Map([...ids.entries()].map(([k, v]) => [v, k]));
  const ms: number[] = [];
  const got = new Map<string, string[]>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of queries) {
      const t = performance.now();
      const hits = await search.suggest(q.text);
      ms.push(performance.now() - t);
      if (r === 0)
        got.set(
          q.text,
          hits.map((h) => code.get(h.id) ?? h.id),
        );
    }
  }
  ms.sort((a, b) => a - b);
  const recall = COPIES === 0 ? recallAtK(queries, (q) => got.get(q) ?? [], 3).recall : null;
  const round = (x: number) => Math.round(x * 100) / 100;
  console.log(
    `${usePg ? 'postgres' : 'pglite'}: ${articles.length * (COPIES + 1)} articles, ${ms.length} suggestions; p50 ${round(pct(ms, 50))} ms p99 ${round(pct(ms, 99))} ms`,
  );
  console.log(
    JSON.stringify({
      bench: 'kb',
      db: usePg ? 'postgres' : 'pglite',
      articles: articles.length * (COPIES + 1),
      suggestions: ms.length,
      p50_ms: round(pct(ms, 50)),
      p99_ms: round(pct(ms, 99)),
      max_ms: round(ms.at(-1)!),
      recall_at_3: recall,
      goal_ms: 100,
      pass: pct(ms, 99) < 100,
    }),
  );
} finally {
  await drop();
  await store.close();
}
