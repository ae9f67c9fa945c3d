import { planQuery } from './query-plan.ts';
import { type CorpusStats, type RankedHit, rankDocuments } from './rank.ts';
import { buildSearchDocument, documentTerms, type IndexableArticle, type SearchDocument } from './search-document.ts';
import type { Segmenter } from './segmenter.ts';
import type { SynonymTable } from './synonyms.ts';

/**
 * The whole search pipeline in memory: the same segmentation, synonyms and ranking as the database
 * path, with every document a candidate. Used by tests and by tools that have no database.
 */
export class MemorySearchIndex {
  readonly #docs = new Map<string, SearchDocument>();
  readonly #seg: Segmenter;
  readonly #synonyms: SynonymTable;
  constructor(seg: Segmenter, synonyms: SynonymTable) {
    this.#seg = seg;
    this.#synonyms = synonyms;
  }
  add(article: IndexableArticle): void {
    this.#docs.set(article.id, buildSearchDocument(this.#seg, article));
  }
  remove(id: string): void {
    this.#docs.delete(id);
  }
  get size(): number {
    return this.#docs.size;
  }
  stats(terms: readonly string[]): CorpusStats {
    const docs = [...this.#docs.values()];
    const df = new Map<string, number>();
    for (const d of docs) {
      const set = new Set(documentTerms(d));
      for (const t of terms) if (set.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const avg = (f: (d: SearchDocument) => number) => docs.reduce((s, d) => s + f(d), 0) / Math.max(1, docs.length);
    return {
      docCount: docs.length,
      avgTitle: avg((d) => d.titleTerms.length),
      avgKeywords: avg((d) => d.keywordTerms.length),
      avgBody: avg((d) => d.bodyTerms.length),
      df,
    };
  }
  search(text: string, limit = 5): RankedHit[] {
    const plan = planQuery(this.#seg, this.#synonyms, text);
    if (plan.terms.length === 0 && !plan.initials && plan.text === '') return [];
    const stats = this.stats(plan.terms.map((t) => t.term));
    return rankDocuments(plan.text, plan.terms, [...this.#docs.values()], stats, limit);
  }
}
