import { z } from 'zod';

/** Knowledge-base REST bodies and queries. */
export const KbSearchQuery = z.object({
  q: z.string().trim().min(1).max(500),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const KbSuggestBody = z.object({ text: z.string().trim().min(1).max(4000) });
export const KbHit = z.object({
  id: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  snippet: z.string(),
  score: z.number(),
  matched: z.array(z.string()),
});
export const KbHitsResponse = z.object({ hits: z.array(KbHit) });
export const ArticleStatusEnum = z.enum(['draft', 'review', 'published', 'archived']);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const ArticleBody = z.object({
  code: z.string().max(32).nullable().optional(),
  title: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(200_000),
  /** `html`: the editor's rich text, sanitised by the server to an allow-listed subset. */
  bodyFormat: z.enum(['text', 'html']).default('text'),
  categoryId: z.uuid().nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  synonyms: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  departmentId: z.uuid().nullable().optional(),
  validFrom: day.nullable().optional(),
  validTo: day.nullable().optional(),
  note: z.string().max(500).optional(),
});
export const ArticleListQuery = z.object({
  status: ArticleStatusEnum.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ArticleIdParams = z.object({ id: z.uuid() });
export const ArticleTransitionBody = z.object({
  to: ArticleStatusEnum,
  comment: z.string().max(1000).nullable().optional(),
});
export const PhraseQuery = z.object({ q: z.string().max(100).optional() });
export const QuizBody = z.object({
  title: z.string().trim().min(1).max(200),
  articleIds: z.array(z.uuid()).min(1).max(100),
});
/** A search hit with what the result list shows besides the ranking (category, validity). */
export const KbHitDetail = KbHit.extend({
  category: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
});
export const KbHitsDetailResponse = z.object({ hits: z.array(KbHitDetail) });
export const KbCategory = z.object({ id: z.uuid(), parentId: z.uuid().nullable(), name: z.string() });
/** 标准用语 as the editors maintain them. */
export const PhraseBody = z.object({
  category: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(2000),
  sort: z.number().int().min(0).max(10_000).optional(),
});
/** 热点问题: what callers ask about now, optionally with an article and an IVR announcement. */
export const HotTopicBody = z.object({
  title: z.string().trim().min(1).max(100),
  summary: z.string().trim().min(1).max(1000),
  articleId: z.uuid().nullable().optional(),
  announceText: z.string().trim().max(1000).nullable().optional(),
  endsAt: z.iso.datetime().nullable().optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
});
export const KbItemParams = z.object({ id: z.uuid() });
/** An operator starts a training quiz: random published articles of a category (all when null). */
export const QuizAttemptStartBody = z.object({
  categoryId: z.uuid().nullable().default(null),
  count: z.number().int().min(1).max(20).default(5),
});
/** One answer per question: the chosen option's index, or null when left blank. */
export const QuizAttemptSubmitBody = z.object({
  answers: z.array(z.number().int().min(0).max(10).nullable()).min(1).max(20),
});
export const QuizResultsQuery = z.object({
  days: z.coerce.number().int().min(1).max(3650).optional(),
});
/**
 * A trainer assigns a quiz: a built one (`quizId`), or one built now from chosen articles and
 * `count` random articles of the chosen categories; to all agents or to chosen ones; with a due date.
 */
export const QuizAssignBody = z.object({
  title: z.string().trim().min(1).max(200),
  quizId: z.uuid().nullable().optional(),
  articleIds: z.array(z.uuid()).max(20).default([]),
  categoryIds: z.array(z.uuid()).max(50).default([]),
  count: z.number().int().min(1).max(20).default(5),
  allAgents: z.boolean().default(false),
  userIds: z.array(z.uuid()).max(500).default([]),
  dueAt: z.iso.datetime({ offset: true }),
});
