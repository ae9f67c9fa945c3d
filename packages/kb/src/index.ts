export { BODY_FORMATS, type BodyFormat, bodyText, htmlToText } from './rich-text/html-to-text.ts';
export { escapeHtmlText, safeHref, sanitizeHtml } from './rich-text/sanitize-html.ts';
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
export { type Article, type ArticleInput, ArticleRepository, kbDb } from './store/article-repository.ts';
export {
  ARTICLE_TRANSITIONS,
  ArticleStatus,
  isEditable,
  nextArticleStatus,
  workflowAction,
} from './store/article-workflow.ts';
export { activeHotTopics, createQuiz, type HotTopic, listPhrases, type Phrase, type Quiz } from './store/kb-catalog.ts';
export { CANDIDATE_LIMIT, KbSearch, type SearchResult } from './store/kb-search.ts';
export type { KbTables } from './store/kb-tables.ts';
export { buildQuiz, keyAnswer, type QuizQuestion, type QuizSource } from './store/quiz.ts';
export {
  type AssigneeResult,
  type AssignmentResults,
  type AssignmentSummary,
  assignmentResults,
  listAssignments,
} from './store/quiz-assignment-results.ts';
export { type AssigneeStatus, assigneeStatus, tallyAssignment } from './store/quiz-assignment-status.ts';
export {
  type AssignQuizInput,
  assignQuiz,
  type BuiltQuiz,
  listBuiltQuizzes,
  listMyAssignments,
  listTrainees,
  type MyAssignment,
  startAssignedAttempt,
  type Trainee,
} from './store/quiz-assignments.ts';
export {
  type AttemptSummary,
  type AttemptView,
  getQuizAttempt,
  listMyQuizAttempts,
  MAX_QUIZ_QUESTIONS,
  quizPool,
  quizResults,
  type StartedAttempt,
  startQuizAttempt,
  submitQuizAttempt,
} from './store/quiz-attempts.ts';
export {
  type AttemptQuestion,
  type CategoryRate,
  type FinishedAttempt,
  type OperatorResult,
  openQuestions,
  scoreAttempt,
  summarizeResults,
} from './store/quiz-scoring.ts';
export { DEMO_PHRASES, seedKbDemo } from './store/seed-kb-demo.ts';
export {
  loadTestArticles,
  loadTestQueries,
  recallAtK,
  type TestArticle,
  type TestQuery,
} from './testset/load-test-set.ts';
