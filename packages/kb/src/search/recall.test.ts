import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTestArticles, loadTestQueries, recallAtK } from '../testset/load-test-set.ts';
import { MemorySearchIndex } from './memory-index.ts';
import { defaultSegmenter } from './segmenter.ts';
import { SynonymTable } from './synonyms.ts';

test('recall@3 on the shipped test set (in-memory pipeline) is at least 0.9', () => {
  const articles = loadTestArticles();
  const queries = loadTestQueries();
  assert.ok(articles.length >= 200, `${articles.length} articles`);
  assert.equal(queries.length, 100);
  const ids = new Set(articles.map((a) => a.id));
  for (const q of queries) for (const e of q.expected) assert.ok(ids.has(e), `unknown expected id ${e}`);
  const synonyms = new SynonymTable();
  const seg = defaultSegmenter();
  seg.addWords(synonyms.words());
  const index = new MemorySearchIndex(seg, synonyms);
  for (const a of articles) index.add({ id: a.id, title: a.title, body: a.body, keywords: [...a.tags, a.category] });
  const r = recallAtK(queries, (q) => index.search(q, 3).map((h) => h.id), 3);
  const r1 = recallAtK(queries, (q) => index.search(q, 1).map((h) => h.id), 1);
  console.log(
    `kb recall@1=${r1.recall.toFixed(2)} recall@3=${r.recall.toFixed(2)} (${queries.length} queries, ${articles.length} articles)`,
  );
  for (const m of r.misses) console.log(`  miss: ${m.query} expected ${m.expected.join(',')} got ${m.got.join(',')}`);
  assert.ok(r.recall >= 0.9, `recall@3 ${r.recall}`);
  const holdout = loadTestQueries(undefined, 'queries-holdout.txt');
  const h = recallAtK(holdout, (q) => index.search(q, 3).map((x) => x.id), 3);
  console.log(`kb held-out recall@3=${h.recall.toFixed(2)} (${holdout.length} queries written after tuning)`);
  assert.ok(h.recall >= 0.8, `held-out recall@3 ${h.recall}`);
  for (const m of h.misses)
    console.log(`  held-out miss: ${m.query} expected ${m.expected.join(',')} got ${m.got.join(',')}`);
});
