import type { Store } from '@hotline/store';
import { sql } from '@hotline/store';
import { bodyText } from '../rich-text/html-to-text.ts';
import { planQuery } from '../search/query-plan.ts';
import { type CorpusStats, type RankedHit, rankDocuments } from '../search/rank.ts';
import { type SearchDocument, toOrTsquery } from '../search/search-document.ts';
import type { Segmenter } from '../search/segmenter.ts';
import { SynonymTable } from '../search/synonyms.ts';
import { kbDb } from './article-repository.ts';

export interface SearchResult extends RankedHit {
  code: string | null;
  title: string;
  snippet: string;
}

/** Candidates fetched from the database before ranking; ranking is in TypeScript. */
export const CANDIDATE_LIMIT = 100;
/** Corpus averages change only when articles are published; cache them this long. */
export const STATS_TTL_MS = 60_000;
const SNIPPET = 120;
/** Characters of a body read for its snippet (HTML bodies spend some of them on tags). */
const SNIPPET_SOURCE = 2_000;
/** pg_trgm similarity above which a title is a fuzzy candidate even without a shared token. */
const TITLE_SIMILARITY = 0.2;

interface Averages {
  docCount: number;
  avgTitle: number;
  avgKeywords: number;
  avgBody: number;
  at: number;
}

/**
 * Knowledge-base search over PostgreSQL/PGlite: GIN-indexed tsvector of jieba tokens, pg_trgm
 * fuzzy titles and pinyin initials supply candidates; `rankDocuments` orders them.
 */
export class KbSearch {
  readonly #store: Store;
  readonly #seg: Segmenter;
  readonly #synonyms: SynonymTable;
  readonly #now: () => number;
  #avg: Averages | null = null;
  constructor(store: Store, seg: Segmenter, synonyms = new SynonymTable(), now: () => number = Date.now) {
    this.#store = store;
    this.#seg = seg;
    this.#synonyms = synonyms;
    this.#now = now;
    seg.addWords(synonyms.words());
  }

  /** Loads editor-defined synonym groups (kb_synonyms) into the table and the segmenter. */
  async loadSynonyms(): Promise<number> {
    const rows = await kbDb(this.#store).selectFrom('kb_synonyms').select(['words']).execute();
    for (const r of rows) {
      this.#synonyms.addGroup(r.words);
      this.#seg.addWords(r.words);
    }
    return rows.length;
  }

  invalidateStats(): void {
    this.#avg = null;
  }

  async search(text: string, limit = 10): Promise<SearchResult[]> {
    const plan = planQuery(this.#seg, this.#synonyms, text);
    if (plan.text === '') return [];
    const terms = plan.terms.map((t) => t.term);
    const tsq = terms.length > 0 ? toOrTsquery(terms) : null;
    const ini = plan.initials ? `%${plan.initials}%` : null;
    const validNow = sql`status = 'published' and (valid_from is null or valid_from <= current_date) and (valid_to is null or valid_to >= current_date)`;
    const match = sql.join(
      [
        tsq ? sql`search_vector @@ ${tsq}::tsquery` : sql`false`,
        sql`similarity(title, ${plan.text}) > ${TITLE_SIMILARITY}`,
        ini ? sql`initials like ${ini}` : sql`false`,
      ],
      sql` or `,
    );
    const rank = tsq ? sql`ts_rank(search_vector, ${tsq}::tsquery)` : sql`0`;
    const { rows } = await sql<{
      id: string;
      code: string | null;
      title: string;
      body: string;
      body_format: string;
      search_doc: SearchDocument;
    }>`
      select id, code, title, left(body, ${SNIPPET_SOURCE}) as body, body_format, search_doc
      from kb_articles
      where ${validNow} and (${match})
      order by ${rank} + similarity(title, ${plan.text}) desc
      limit ${CANDIDATE_LIMIT}
    `.execute(this.#store.db);
    if (rows.length === 0) return [];
    const stats = await this.#stats(terms);
    const docs = rows.map((r) =>
      typeof r.search_doc === 'string' ? (JSON.parse(r.search_doc) as SearchDocument) : r.search_doc,
    );
    const ranked = rankDocuments(plan.text, plan.terms, docs, stats, limit);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ranked.map((h) => {
      const r = byId.get(h.id)!;
      const text = bodyText(r.body, r.body_format === 'html' ? 'html' : 'text').replace(/\s+/g, ' ');
      return { ...h, code: r.code, title: r.title, snippet: text.slice(0, SNIPPET) };
    });
  }

  /** Top-5 articles for the text an agent is typing into a case form. */
  async suggest(caseText: string): Promise<SearchResult[]> {
    return this.search(caseText, 5);
  }

  async #stats(terms: string[]): Promise<CorpusStats> {
    if (!this.#avg || this.#now() - this.#avg.at > STATS_TTL_MS) {
      const { rows } = await sql<{ n: string | number; t: number | null; k: number | null; b: number | null }>`
        select count(*) as n,
          avg(jsonb_array_length(search_doc->'titleTerms'))::float8 as t,
          avg(jsonb_array_length(search_doc->'keywordTerms'))::float8 as k,
          avg(jsonb_array_length(search_doc->'bodyTerms'))::float8 as b
        from kb_articles where status = 'published'
      `.execute(this.#store.db);
      const r = rows[0]!;
      this.#avg = {
        docCount: Number(r.n),
        avgTitle: r.t ?? 1,
        avgKeywords: r.k ?? 1,
        avgBody: r.b ?? 1,
        at: this.#now(),
      };
    }
    const df = new Map<string, number>();
    if (terms.length > 0) {
      const rows = await kbDb(this.#store)
        .selectFrom('kb_term_df')
        .select(['term', 'df'])
        .where('term', 'in', terms)
        .execute();
      for (const r of rows) df.set(r.term, r.df);
    }
    const a = this.#avg;
    return { docCount: a.docCount, avgTitle: a.avgTitle, avgKeywords: a.avgKeywords, avgBody: a.avgBody, df };
  }
}
