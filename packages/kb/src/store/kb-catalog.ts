import { ErrorCode, HotlineError, newId } from '@hotline/core';
import type { Store } from '@hotline/store';
import { kbDb } from './article-repository.ts';
import { buildQuiz, type QuizQuestion } from './quiz.ts';
import { quizPool } from './quiz-attempts.ts';

export interface Phrase {
  id: string;
  category: string;
  title: string;
  body: string;
}

/** 标准用语, in display order; `text` filters by a substring of title or body. */
export async function listPhrases(store: Store, text?: string): Promise<Phrase[]> {
  let q = kbDb(store).selectFrom('kb_phrases').select(['id', 'category', 'title', 'body']).where('active', '=', true);
  if (text && text.trim() !== '') {
    const like = `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('title', 'like', like), eb('body', 'like', like)]));
  }
  return q.orderBy('sort').execute();
}

export interface HotTopic {
  id: string;
  title: string;
  summary: string;
  articleId: string | null;
  /** Text for an IVR announcement (TTS), when the editor wrote one. */
  announceText: string | null;
}

/** Hot topics active at `at` (also read by IVR flows for announcements). */
export async function activeHotTopics(store: Store, at: Date = new Date()): Promise<HotTopic[]> {
  const rows = await kbDb(store)
    .selectFrom('kb_hot_topics')
    .select(['id', 'title', 'summary', 'article_id', 'announce_text'])
    .where('active', '=', true)
    .where('starts_at', '<=', at)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', at)]))
    .orderBy('sort')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    articleId: r.article_id,
    announceText: r.announce_text,
  }));
}

export interface Quiz {
  id: string;
  title: string;
  questions: QuizQuestion[];
}

/** Builds and stores a quiz from published articles (wrong options come from the whole published pool). */
export async function createQuiz(
  store: Store,
  input: { title: string; articleIds: string[]; actorId?: string | null },
  random: () => number = Math.random,
): Promise<Quiz> {
  if (input.articleIds.length === 0) throw new HotlineError(ErrorCode.ValidationFailed, 'pick at least one article');
  const pool = await quizPool(store);
  const picked = pool.filter((p) => input.articleIds.includes(p.id));
  if (picked.length !== new Set(input.articleIds).size) {
    throw new HotlineError(ErrorCode.ValidationFailed, 'every article of a quiz must exist and be published');
  }
  const questions = buildQuiz(picked, pool, random);
  const id = newId();
  await kbDb(store)
    .insertInto('kb_quizzes')
    .values({
      id,
      title: input.title,
      article_ids: input.articleIds,
      questions: JSON.stringify(questions),
      created_by: input.actorId ?? null,
    })
    .execute();
  return { id, title: input.title, questions };
}
