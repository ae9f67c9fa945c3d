import { ErrorCode, HotlineError, newId } from '@hotline/core';
import { type Store, sql, writeAudit } from '@hotline/store';
import { kbDb } from './article-repository.ts';
import { categoryScope } from './category-scope.ts';
import { buildQuiz } from './quiz.ts';
import { type AssigneeStatus, assigneeStatus } from './quiz-assignment-status.ts';
import { MAX_QUIZ_QUESTIONS, parseQuestions, quizPool, type StartedAttempt, shuffle } from './quiz-attempts.ts';
import { type AttemptQuestion, openQuestions } from './quiz-scoring.ts';

/**
 * Assigned training (布置测验): a supervisor or quality inspector assigns a quiz (built now from
 * chosen articles and categories, or one built before) to operators with a due date; each operator
 * takes it once, scored on the server like any attempt.
 */
export interface AssignQuizInput {
  actorId: string;
  title: string;
  /** A quiz built before; otherwise the quiz is built from `articleIds` and `categoryIds`. */
  quizId?: string | null;
  articleIds?: readonly string[];
  categoryIds?: readonly string[];
  /** Questions drawn at random from the categories, besides the chosen articles. */
  count?: number;
  allAgents: boolean;
  userIds?: readonly string[];
  dueAt: Date;
  now: Date;
}

export interface Trainee {
  id: string;
  name: string;
  username: string;
}

/** Active operators (role agent), who can be assigned a quiz. */
export async function listTrainees(store: Pick<Store, 'db'>): Promise<Trainee[]> {
  const rows = await store.db
    .selectFrom('users')
    .select(['id', 'display_name', 'username'])
    .where('active', '=', true)
    .where(sql<boolean>`'agent' = any(roles)`)
    .orderBy('username')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, username: r.username }));
}

export interface BuiltQuiz {
  id: string;
  title: string;
  total: number;
  createdAt: Date;
}

/** Quizzes built by a trainer (not the random ones operators draw themselves), newest first. */
export async function listBuiltQuizzes(store: Store, limit = 100): Promise<BuiltQuiz[]> {
  const rows = await kbDb(store)
    .selectFrom('kb_quizzes as z')
    .select(['z.id', 'z.title', 'z.created_at', sql<number>`jsonb_array_length(z.questions)`.as('total')])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('kb_quiz_attempts as t')
            .select('t.id')
            .whereRef('t.quiz_id', '=', 'z.id')
            .where('t.assignment_id', 'is', null),
        ),
      ),
    )
    .orderBy('z.created_at', 'desc')
    .orderBy('z.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, total: Number(r.total), createdAt: r.created_at }));
}

/** Builds (or picks) the quiz, fixes the assignees and records the assignment, audited. */
export async function assignQuiz(
  store: Store,
  input: AssignQuizInput,
  random: () => number = Math.random,
): Promise<{ id: string; quizId: string; assigned: number }> {
  const title = input.title.trim();
  if (title === '' || title.length > 200) throw invalid('a quiz needs a title of 1 to 200 characters');
  if (!(input.dueAt.getTime() > input.now.getTime())) throw invalid('the due date must be in the future');
  const userIds = await assignees(store, input);
  const built = input.quizId ? null : await buildAssignedQuiz(store, input, random);
  if (input.quizId) {
    if ((input.articleIds?.length ?? 0) > 0 || (input.categoryIds?.length ?? 0) > 0) {
      throw invalid('assign either a built quiz or articles and categories, not both');
    }
    const quiz = await kbDb(store)
      .selectFrom('kb_quizzes')
      .select('id')
      .where('id', '=', input.quizId)
      .executeTakeFirst();
    if (!quiz) throw invalid('no such quiz');
  }
  const id = newId();
  const quizId = input.quizId ?? newId();
  await store.transaction(async (trx) => {
    const db = kbDb({ db: trx });
    if (built) {
      await db
        .insertInto('kb_quizzes')
        .values({
          id: quizId,
          title,
          article_ids: built.map((q) => q.articleId),
          questions: JSON.stringify(built),
          created_by: input.actorId,
        })
        .execute();
    }
    await db
      .insertInto('kb_quiz_assignments')
      .values({
        id,
        quiz_id: quizId,
        title,
        all_agents: input.allAgents,
        due_at: input.dueAt,
        created_by: input.actorId,
      })
      .execute();
    await db
      .insertInto('kb_quiz_assignees')
      .values(userIds.map((u) => ({ assignment_id: id, user_id: u })))
      .execute();
    await writeAudit(trx, {
      actorId: input.actorId,
      action: 'kb.quiz_assignment.create',
      targetType: 'kb_quiz_assignment',
      targetId: id,
      after: { quizId, title, allAgents: input.allAgents, userIds, dueAt: input.dueAt.toISOString() },
    });
  });
  return { id, quizId, assigned: userIds.length };
}

async function assignees(store: Store, input: AssignQuizInput): Promise<string[]> {
  const agents = await listTrainees(store);
  if (input.allAgents) {
    if ((input.userIds?.length ?? 0) > 0) throw invalid('assign to all agents or to chosen agents, not both');
    if (agents.length === 0) throw invalid('there are no active agents');
    return agents.map((a) => a.id);
  }
  const chosen = [...new Set(input.userIds ?? [])];
  if (chosen.length === 0) throw invalid('choose at least one agent');
  const known = new Set(agents.map((a) => a.id));
  if (chosen.some((u) => !known.has(u))) throw invalid('every assignee must be an active agent');
  return chosen;
}

async function buildAssignedQuiz(
  store: Store,
  input: AssignQuizInput,
  random: () => number,
): Promise<AttemptQuestion[]> {
  const articleIds = [...new Set(input.articleIds ?? [])];
  const categoryIds = [...new Set(input.categoryIds ?? [])];
  if (articleIds.length === 0 && categoryIds.length === 0) {
    throw invalid('choose a built quiz, or articles or categories to build one from');
  }
  if (articleIds.length > MAX_QUIZ_QUESTIONS) throw invalid(`a quiz has at most ${MAX_QUIZ_QUESTIONS} questions`);
  const pool = await quizPool(store);
  const chosen = articleIds.map((a) => pool.find((p) => p.id === a));
  if (chosen.some((c) => c === undefined)) throw invalid('every article of a quiz must exist and be published');
  const picked = chosen.filter((c) => c !== undefined);
  if (categoryIds.length > 0) {
    const count = Math.trunc(input.count ?? 5);
    if (!(count >= 1 && count <= MAX_QUIZ_QUESTIONS)) {
      throw invalid(`draw 1 to ${MAX_QUIZ_QUESTIONS} questions from the categories`);
    }
    const cats = await kbDb(store).selectFrom('kb_categories').select(['id', 'parent_id', 'name']).execute();
    const scope = categoryScope(cats, categoryIds);
    if (!scope) throw invalid('no such category');
    const rest = pool.filter((p) => p.categoryId !== null && scope.has(p.categoryId) && !articleIds.includes(p.id));
    picked.push(...shuffle(rest, random).slice(0, Math.min(count, MAX_QUIZ_QUESTIONS - picked.length)));
  }
  const byId = new Map(pool.map((p) => [p.id, p]));
  const questions = buildQuiz(picked, pool, random).map((q) => ({
    ...q,
    title: byId.get(q.articleId)?.title ?? '',
    category: byId.get(q.articleId)?.category ?? null,
  }));
  if (questions.length === 0) throw invalid('not enough published articles for a quiz');
  return questions;
}

export interface MyAssignment {
  id: string;
  title: string;
  dueAt: Date;
  total: number;
  status: AssigneeStatus;
  attemptId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  score: number | null;
}

/** The operator's assigned quizzes: the ones still to take first (soonest due), then the taken. */
export async function listMyAssignments(store: Store, userId: string, now: Date): Promise<MyAssignment[]> {
  const rows = await kbDb(store)
    .selectFrom('kb_quiz_assignees as e')
    .innerJoin('kb_quiz_assignments as s', 's.id', 'e.assignment_id')
    .innerJoin('kb_quizzes as z', 'z.id', 's.quiz_id')
    .leftJoin('kb_quiz_attempts as t', (j) =>
      j.onRef('t.assignment_id', '=', 's.id').onRef('t.user_id', '=', 'e.user_id'),
    )
    .select([
      's.id',
      's.title',
      's.due_at',
      sql<number>`jsonb_array_length(z.questions)`.as('total'),
      't.id as attempt_id',
      't.started_at',
      't.finished_at',
      't.score',
    ])
    .where('e.user_id', '=', userId)
    .orderBy('s.due_at')
    .orderBy('s.id')
    .limit(200)
    .execute();
  const list = rows.map((r) => ({
    id: r.id,
    title: r.title,
    dueAt: r.due_at,
    total: Number(r.total),
    status: assigneeStatus(r.due_at, now, r.finished_at),
    attemptId: r.attempt_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    score: r.score,
  }));
  const todo = list.filter((a) => a.finishedAt === null);
  const taken = list
    .filter((a) => a.finishedAt !== null)
    .sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime());
  return [...todo, ...taken];
}

/**
 * Opens the operator's one attempt at an assigned quiz, or returns the unfinished one. Refuses a
 * quiz not assigned to them (not found) and a second attempt once submitted (conflict).
 */
export async function startAssignedAttempt(
  store: Store,
  input: { assignmentId: string; userId: string },
): Promise<StartedAttempt> {
  return store.transaction(async (trx) => {
    const db = kbDb({ db: trx });
    const mine = await db
      .selectFrom('kb_quiz_assignees')
      .select('user_id')
      .where('assignment_id', '=', input.assignmentId)
      .where('user_id', '=', input.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!mine) throw new HotlineError(ErrorCode.NotFound, 'no such quiz assigned to you');
    const s = await db
      .selectFrom('kb_quiz_assignments as s')
      .innerJoin('kb_quizzes as z', 'z.id', 's.quiz_id')
      .select(['s.id', 's.title', 's.quiz_id', 'z.questions'])
      .where('s.id', '=', input.assignmentId)
      .executeTakeFirstOrThrow();
    const existing = await db
      .selectFrom('kb_quiz_attempts')
      .select(['id', 'questions', 'started_at', 'finished_at'])
      .where('assignment_id', '=', s.id)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    if (existing?.finished_at) throw new HotlineError(ErrorCode.Conflict, 'you already took this quiz');
    const base = { quizId: s.quiz_id, title: s.title, categoryId: null };
    if (existing) {
      const questions = openQuestions(parseQuestions(existing.questions));
      return { ...base, id: existing.id, startedAt: existing.started_at, questions };
    }
    const questions = await withArticles({ db: trx }, parseQuestions(s.questions));
    if (questions.length === 0) throw invalid('this quiz has no questions');
    const id = newId();
    const row = await db
      .insertInto('kb_quiz_attempts')
      .values({
        id,
        quiz_id: s.quiz_id,
        user_id: input.userId,
        category_id: null,
        questions: JSON.stringify(questions),
        total: questions.length,
        assignment_id: s.id,
      })
      .returning('started_at')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: input.userId,
      action: 'kb.quiz_attempt.start',
      targetType: 'kb_quiz_attempt',
      targetId: id,
      after: { quizId: s.quiz_id, assignmentId: s.id, total: questions.length },
    });
    return { ...base, id, startedAt: row.started_at, questions: openQuestions(questions) };
  });
}

/** Quizzes built by `createQuiz` keep no article title or category: read them from the articles. */
async function withArticles(store: Pick<Store, 'db'>, questions: AttemptQuestion[]): Promise<AttemptQuestion[]> {
  const missing = questions.filter((q) => q.title === undefined).map((q) => q.articleId);
  if (missing.length === 0) return questions;
  const rows = await kbDb(store)
    .selectFrom('kb_articles as a')
    .leftJoin('kb_categories as c', 'c.id', 'a.category_id')
    .select(['a.id', 'a.title', 'c.name as category'])
    .where('a.id', 'in', missing)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return questions.map((q) =>
    q.title === undefined
      ? { ...q, title: byId.get(q.articleId)?.title ?? '', category: byId.get(q.articleId)?.category ?? null }
      : q,
  );
}

function invalid(message: string): HotlineError {
  return new HotlineError(ErrorCode.ValidationFailed, message);
}
