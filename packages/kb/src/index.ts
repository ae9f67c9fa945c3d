export { HOTLINE_WORDS, STOPWORDS } from './search/domain-dictionary.ts';
export { MemorySearchIndex } from './search/memory-index.ts';
export { planQuery, type QueryPlan } from './search/query-plan.ts';
export {
  bigramSimilarity,
  type CorpusStats,
  type RankedHit,
  rankDocuments,
  scoreDocument,
} from './search/rank.ts';
export {
  buildSearchDocument,
  documentTerms,
  type IndexableArticle,
  pinyinInitials,
  plainText,
  type SearchDocument,
  toOrTsquery,
  toTsvectorLiteral,
} from './search/search-document.ts';
export { createSegmenter, defaultSegmenter, type Segmenter } from './search/segmenter.ts';
export { DEFAULT_SYNONYMS, type SynonymGroups, SynonymTable, type WeightedTerm } from './search/synonyms.ts';
export {
  loadTestArticles,
  loadTestQueries,
  recallAtK,
  type TestArticle,
  type TestQuery,
} from './testset/load-test-set.ts';
