import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { type Store, sql, writeAudit } from '@hotline/store';
import { bodyText } from '../rich-text/html-to-text.ts';
import { kbDb } from './article-repository.ts';
import { categoryScope } from './category-scope.ts';
import { buildQuiz, type QuizSource } from './quiz.ts';
import {
  type AttemptQuestion,
  type FinishedAttempt,
  type OpenQuestion,
  type OperatorResult,
  openQuestions,
  scoreAttempt,
  summarizeResults,
} from './quiz-scoring.ts';

/** A published article as quizzes use it: its text (never markup) and its category. */
export interface PoolArticle extends QuizSource {
  categoryId: string | null;
}

/** Every published article, with its body as text. */
export async function quizPool(store: Pick<Store, 'db'>): Promise<PoolArticle[]> {
  const { rows } = await sql<{
    id: string;
    title: string;
    body: string;
    body_format: string;
    category_id: string | null;
    category: string | null;
  }>`
    select a.id, a.title, a.body, a.body_format, a.category_id, c.name as category
    from kb_articles a left join kb_categories c on c.id = a.category_id
    where a.status = 'published'
    order by a.id
  `.execute(store.db);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: bodyText(r.body, r.body_format === 'html' ? 'html' : 'text'),
    category: r.category,
    categoryId: r.category_id,
  }));
}

export const MAX_QUIZ_QUESTIONS = 20;

export interface StartedAttempt {
  id: string;
  quizId: string;
  title: string;
  categoryId: string | null;
  startedAt: Date;
  questions: OpenQuestion[];
}

/**
 * Builds a quiz of `count` random published articles of a category (with its sub-categories; all
 * when null) and opens an attempt for the operator. Returns the questions without the key.
 */
export async function startQuizAttempt(
  store: Store,
  input: { userId: string; categoryId: string | null; count: number },
  random: () => number = Math.random,
): Promise<StartedAttempt> {
  const count = Math.trunc(input.count);
  if (!(count >= 1 && count <= MAX_QUIZ_QUESTIONS)) {
    throw new HotlineError(ErrorCode.ValidationFailed, `a quiz has 1 to ${MAX_QUIZ_QUESTIONS} questions`);
  }
  const cats = await kbDb(store).selectFrom('kb_categories').select(['id', 'parent_id', 'name']).execute();
  let inScope: Set<string> | null = null;
  let scopeName = '全部分类';
  if (input.categoryId !== null) {
    inScope = categoryScope(cats, [input.categoryId]);
    if (!inScope) throw new HotlineError(ErrorCode.ValidationFailed, 'no such category');
    scopeName = cats.find((c) => c.id === input.categoryId)?.name ?? scopeName;
  }
  const pool = await quizPool(store);
  const candidates = pool.filter((p) => inScope === null || (p.categoryId !== null && inScope.has(p.categoryId)));
  const picked = shuffle(candidates, random).slice(0, count);
  const byId = new Map(pool.map((p) => [p.id, p]));
  const questions: AttemptQuestion[] = buildQuiz(picked, pool, random).map((q) => ({
    ...q,
    title: byId.get(q.articleId)?.title ?? '',
    category: byId.get(q.articleId)?.category ?? null,
  }));
  if (questions.length === 0) {
    throw new HotlineError(ErrorCode.ValidationFailed, 'not enough published articles in this category for a quiz');
  }
  const quizId = newId();
  const id = newId();
  const title = `培训测验 · ${scopeName} · ${questions.length} 题`;
  const snapshot = JSON.stringify(questions);
  await store.transaction(async (trx) => {
    const db = kbDb({ db: trx });
    await db
      .insertInto('kb_quizzes')
      .values({
        id: quizId,
        title,
        article_ids: questions.map((q) => q.articleId),
        questions: snapshot,
        created_by: input.userId,
      })
      .execute();
    await db
      .insertInto('kb_quiz_attempts')
      .values({
        id,
        quiz_id: quizId,
        user_id: input.userId,
        category_id: input.categoryId,
        questions: snapshot,
        total: questions.length,
      })
      .execute();
    await writeAudit(trx, {
      actorId: input.userId,
      action: 'kb.quiz_attempt.start',
      targetType: 'kb_quiz_attempt',
      targetId: id,
      after: { quizId, categoryId: input.categoryId, total: questions.length },
    });
  });
  const row = await kbDb(store)
    .selectFrom('kb_quiz_attempts')
    .select('started_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id,
    quizId,
    title,
    categoryId: input.categoryId,
    startedAt: row.started_at,
    questions: openQuestions(questions),
  };
}

/** An attempt as its owner sees it: the key and the articles only once it is finished. */
export interface AttemptView {
  id: string;
  quizId: string;
  title: string;
  categoryId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  correct: number | null;
  total: number;
  score: number | null;
  questions: OpenQuestion[];
  /** After submitting: per question the key, the chosen option and the article to read. */
  review: Array<{
    articleId: string;
    title: string;
    category: string | null;
    answer: number;
    chosen: number | null;
    right: boolean;
  }> | null;
}

/** Scores the operator's answers on the server and closes the attempt (once). */
export async function submitQuizAttempt(
  store: Store,
  input: { attemptId: string; userId: string; answers: ReadonlyArray<number | null> },
): Promise<AttemptView> {
  await store.transaction(async (trx) => {
    const db = kbDb({ db: trx });
    const row = await db
      .selectFrom('kb_quiz_attempts')
      .selectAll()
      .where('id', '=', input.attemptId)
      .where('user_id', '=', input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new HotlineError(ErrorCode.NotFound, 'no such quiz attempt of yours');
    if (row.finished_at !== null) throw new HotlineError(ErrorCode.Conflict, 'this quiz was already submitted');
    const s = scoreAttempt(parseQuestions(row.questions), input.answers);
    await db
      .updateTable('kb_quiz_attempts')
      .set({
        answers: JSON.stringify(input.answers),
        correct: s.correct,
        score: s.score,
        finished_at: sql<Date>`now()`,
      })
      .where('id', '=', row.id)
      .execute();
    await writeAudit(trx, {
      actorId: input.userId,
      action: 'kb.quiz_attempt.submit',
      targetType: 'kb_quiz_attempt',
      targetId: row.id,
      after: { correct: s.correct, total: s.total, score: s.score },
    });
  });
  return getQuizAttempt(store, input.attemptId, input.userId);
}

/** One attempt; `ownerId` restricts it to the operator's own (null: any, for supervisors). */
export async function getQuizAttempt(store: Store, id: string, ownerId: string | null): Promise<AttemptView> {
  let q = kbDb(store)
    .selectFrom('kb_quiz_attempts as t')
    .innerJoin('kb_quizzes as z', 'z.id', 't.quiz_id')
    .selectAll('t')
    .select('z.title')
    .where('t.id', '=', id);
  if (ownerId !== null) q = q.where('t.user_id', '=', ownerId);
  const row = await q.executeTakeFirst();
  if (!row) throw new HotlineError(ErrorCode.NotFound, 'no such quiz attempt');
  const questions = parseQuestions(row.questions);
  const answers = row.finished_at === null ? null : parseAnswers(row.answers, questions.length);
  return {
    id: row.id,
    quizId: row.quiz_id,
    title: row.title,
    categoryId: row.category_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    correct: row.correct,
    total: row.total,
    score: row.score,
    questions: openQuestions(questions),
    review:
      answers === null
        ? null
        : questions.map((x, i) => ({
            articleId: x.articleId,
            title: x.title,
            category: x.category,
            answer: x.answer,
            chosen: answers[i] ?? null,
            right: answers[i] === x.answer,
          })),
  };
}

export interface AttemptSummary {
  id: string;
  title: string;
  startedAt: Date;
  finishedAt: Date | null;
  correct: number | null;
  total: number;
  score: number | null;
}

/** The operator's attempts, newest first. */
export async function listMyQuizAttempts(store: Store, userId: string, limit = 50): Promise<AttemptSummary[]> {
  const rows = await kbDb(store)
    .selectFrom('kb_quiz_attempts as t')
    .innerJoin('kb_quizzes as z', 'z.id', 't.quiz_id')
    .select(['t.id', 'z.title', 't.started_at', 't.finished_at', 't.correct', 't.total', 't.score'])
    .where('t.user_id', '=', userId)
    .orderBy('t.started_at', 'desc')
    .orderBy('t.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    correct: r.correct,
    total: r.total,
    score: r.score,
  }));
}

/** Per operator over finished attempts since `since` (all when null), with display names. */
export async function quizResults(
  store: Store,
  since: Date | null,
): Promise<Array<OperatorResult & { name: string; username: string }>> {
  let q = kbDb(store)
    .selectFrom('kb_quiz_attempts')
    .select(['user_id', 'questions', 'answers', 'score', 'finished_at'])
    .where('finished_at', 'is not', null);
  if (since) q = q.where('finished_at', '>=', since);
  const rows = await q.execute();
  const finished: FinishedAttempt[] = rows.map((r) => {
    const questions = parseQuestions(r.questions);
    return {
      userId: r.user_id,
      questions,
      answers: parseAnswers(r.answers, questions.length),
      score: r.score ?? 0,
      finishedAt: r.finished_at!,
    };
  });
  const summary = summarizeResults(finished);
  if (summary.length === 0) return [];
  const users = await store.db
    .selectFrom('users')
    .select(['id', 'display_name', 'username'])
    .where(
      'id',
      'in',
      summary.map((s) => s.userId),
    )
    .execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return summary.map((s) => ({
    ...s,
    name: byId.get(s.userId)?.display_name ?? '',
    username: byId.get(s.userId)?.username ?? '',
  }));
}

export function parseQuestions(v: unknown): AttemptQuestion[] {
  const x = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(x) ? (x as AttemptQuestion[]) : [];
}

export function parseAnswers(v: unknown, n: number): Array<number | null> {
  const x = typeof v === 'string' ? JSON.parse(v) : v;
  const list = Array.isArray(x) ? x : [];
  return Array.from({ length: n }, (_, i) => (typeof list[i] === 'number' ? (list[i] as number) : null));
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
