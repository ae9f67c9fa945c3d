import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The knowledge-base test set shipped with the project (`packages/kb/testset/`): 220 articles in
 * the style of a city hotline's knowledge base and 100 colloquial citizen queries, each with the
 * articles a good search must return. Written for this project; "本市" is fictional.
 */
export interface TestArticle {
  id: string;
  category: string;
  title: string;
  tags: string[];
  body: string;
}

export interface TestQuery {
  text: string;
  expected: string[];
}

export const TEST_SET_DIR = join(import.meta.dirname, '..', '..', 'testset');

function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function loadTestArticles(dir = TEST_SET_DIR): TestArticle[] {
  const files = readdirSync(dir)
    .filter((f) => /^articles-\d+\.txt$/.test(f))
    .sort();
  return files.flatMap((f) =>
    lines(join(dir, f)).map((l) => {
      const [id, category, title, tags, body] = l.split('|');
      if (!id || !category || !title || tags === undefined || !body) throw new Error(`${f}: bad line ${l}`);
      return { id, category, title, tags: tags.split(',').filter((t) => t !== ''), body };
    }),
  );
}

/** `queries.txt` (the 100 asserted queries) or `queries-holdout.txt` (30 written after tuning). */
export function loadTestQueries(dir = TEST_SET_DIR, file = 'queries.txt'): TestQuery[] {
  return lines(join(dir, file)).map((l) => {
    const [text, expected] = l.split('|');
    if (!text || !expected) throw new Error(`${file}: bad line ${l}`);
    return { text, expected: expected.split(',') };
  });
}

/** recall@k: share of queries with at least one expected article among the first k results. */
export function recallAtK(
  queries: readonly TestQuery[],
  search: (text: string) => readonly string[],
  k: number,
): { recall: number; misses: Array<{ query: string; expected: string[]; got: string[] }> } {
  const misses: Array<{ query: string; expected: string[]; got: string[] }> = [];
  for (const q of queries) {
    const got = search(q.text).slice(0, k);
    if (!q.expected.some((e) => got.includes(e))) misses.push({ query: q.text, expected: q.expected, got });
  }
  return { recall: (queries.length - misses.length) / Math.max(1, queries.length), misses };
}
