import type { SearchDocument } from './search-document.ts';
import type { WeightedTerm } from './synonyms.ts';

/**
 * Ranking: BM25F over three fields (title, editor keywords, body) with query-term weights from
 * synonym expansion, plus two title signals that survive segmentation differences — character
 * bigram overlap between query and title (what pg_trgm does for fuzzy titles) and pinyin initials.
 * Pure: the database only supplies candidates and document frequencies.
 */
export interface CorpusStats {
  /** Number of searchable (published, valid) articles. */
  docCount: number;
  /** Mean number of terms per field. */
  avgTitle: number;
  avgKeywords: number;
  avgBody: number;
  /** Document frequency of each query term. */
  df: ReadonlyMap<string, number>;
}

export interface RankedHit {
  id: string;
  score: number;
  /** Query terms that matched, for highlighting and for explaining a rank. */
  matched: string[];
}

export const FIELD_WEIGHT = { title: 3, keywords: 2, body: 1 } as const;
export const FIELD_B = { title: 0.5, keywords: 0.3, body: 0.75 } as const;
export const BM25_K1 = 1.2;
/** Weight of the title's character-bigram Dice similarity with the query. */
export const TITLE_BIGRAM_WEIGHT = 2.5;
/** Bonus when a Latin-letter query is contained in the title's pinyin initials. */
export const INITIALS_BONUS = 6;

function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function count(terms: readonly string[], t: string): number {
  let c = 0;
  for (const x of terms) if (x === t) c++;
  return c;
}

function norm(len: number, avg: number, b: number): number {
  return 1 - b + b * (len / Math.max(1, avg));
}

export function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase()];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient of the two strings' character bigrams (0–1). */
export function bigramSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return (2 * both) / (x.size + y.size);
}

export function scoreDocument(
  query: string,
  terms: readonly WeightedTerm[],
  doc: SearchDocument,
  stats: CorpusStats,
): RankedHit {
  let score = 0;
  const matched: string[] = [];
  for (const { term, weight } of terms) {
    const tf =
      (FIELD_WEIGHT.title * count(doc.titleTerms, term)) / norm(doc.titleTerms.length, stats.avgTitle, FIELD_B.title) +
      (FIELD_WEIGHT.keywords * count(doc.keywordTerms, term)) /
        norm(doc.keywordTerms.length, stats.avgKeywords, FIELD_B.keywords) +
      (FIELD_WEIGHT.body * count(doc.bodyTerms, term)) / norm(doc.bodyTerms.length, stats.avgBody, FIELD_B.body);
    if (tf === 0) continue;
    matched.push(term);
    const df = stats.df.get(term) ?? 1;
    score += weight * idf(df, stats.docCount) * ((tf * (BM25_K1 + 1)) / (tf + BM25_K1));
  }
  score += TITLE_BIGRAM_WEIGHT * bigramSimilarity(query, doc.title);
  const latin = query.trim().toLowerCase();
  if (/^[a-z]{2,12}$/.test(latin) && doc.initials.includes(latin)) score += INITIALS_BONUS;
  return { id: doc.id, score, matched };
}

/** Scores candidates and returns the best `limit`, highest first (ties by id for stable output). */
export function rankDocuments(
  query: string,
  terms: readonly WeightedTerm[],
  candidates: readonly SearchDocument[],
  stats: CorpusStats,
  limit: number,
): RankedHit[] {
  return candidates
    .map((d) => scoreDocument(query, terms, d, stats))
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, limit);
}
