import {
  KbItemParams,
  QuizAttemptStartBody,
  QuizAttemptSubmitBody,
  QuizBody,
  QuizResultsQuery,
} from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import {
  createQuiz,
  getQuizAttempt,
  listMyQuizAttempts,
  quizResults,
  startQuizAttempt,
  submitQuizAttempt,
} from '@hotline/kb';
import { defineRoute } from '../define-route.ts';
import { KB_REVIEWERS, KB_TRAINEES, KB_TRAINERS } from './kb-roles.ts';
import type { RouteModule } from './module.ts';

const DAY_MS = 86_400_000;

/**
 * Training quizzes (培训测验). An operator starts an attempt and receives the questions without the
 * key; the server scores the submitted answers and only then returns the key and the articles.
 */
export const kbQuizRoutes: RouteModule = (app, table, deps) => {
  const userId = (auth: { user: { id: string } } | null): string => {
    if (!auth) throw new HotlineError(ErrorCode.Unauthenticated, 'log in first');
    return auth.user.id;
  };
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/quizzes',
    summary: 'Build a training quiz from published articles',
    tags: ['kb'],
    access: KB_REVIEWERS,
    body: QuizBody,
    status: 201,
    handler: async ({ body, auth }) => ({
      quiz: await createQuiz(deps.store, { ...body, actorId: auth?.user.id ?? null }),
    }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/quiz-attempts',
    summary: 'Start a training quiz: random published articles of a category; questions without the key',
    tags: ['kb'],
    access: KB_TRAINEES,
    body: QuizAttemptStartBody,
    status: 201,
    handler: async ({ body, auth }) => ({
      attempt: await startQuizAttempt(deps.store, {
        userId: userId(auth),
        categoryId: body.categoryId,
        count: body.count,
      }),
    }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/quiz-attempts/:id/submit',
    summary: 'Submit the answers of my quiz: scored on the server, then the key and the articles',
    tags: ['kb'],
    access: KB_TRAINEES,
    params: KbItemParams,
    body: QuizAttemptSubmitBody,
    handler: async ({ params, body, auth }) => ({
      attempt: await submitQuizAttempt(deps.store, {
        attemptId: params.id,
        userId: userId(auth),
        answers: body.answers,
      }),
    }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/quiz-attempts/mine',
    summary: 'My training quizzes, newest first',
    tags: ['kb'],
    access: KB_TRAINEES,
    handler: async ({ auth }) => ({ attempts: await listMyQuizAttempts(deps.store, userId(auth)) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/quiz-attempts/:id',
    summary: 'One of my quizzes (the key only once it is submitted)',
    tags: ['kb'],
    access: KB_TRAINEES,
    params: KbItemParams,
    handler: async ({ params, auth }) => ({ attempt: await getQuizAttempt(deps.store, params.id, userId(auth)) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/quiz-results',
    summary: 'Training results per operator: attempts, average score, weakest categories',
    tags: ['kb'],
    access: KB_TRAINERS,
    query: QuizResultsQuery,
    handler: async ({ query }) => ({
      operators: await quizResults(deps.store, query.days ? new Date(deps.clock.now() - query.days * DAY_MS) : null),
    }),
  });
};
