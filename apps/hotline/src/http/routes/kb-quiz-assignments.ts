import { KbItemParams, QuizAssignBody } from '@hotline/contracts';
import { ErrorCode, HotlineError } from '@hotline/core';
import {
  assignmentResults,
  assignQuiz,
  listAssignments,
  listBuiltQuizzes,
  listMyAssignments,
  listTrainees,
  startAssignedAttempt,
} from '@hotline/kb';
import { defineRoute } from '../define-route.ts';
import { KB_TRAINEES, KB_TRAINERS } from './kb-roles.ts';
import type { RouteModule } from './module.ts';

/**
 * Assigned training quizzes (布置测验). Trainers build or pick a quiz and assign it to agents with a
 * due date; an agent takes each assigned quiz once (submitted and scored like any attempt, through
 * `/api/v1/kb/quiz-attempts/:id/submit`); trainers see per assignment who did it, scores, who is overdue.
 */
export const kbQuizAssignmentRoutes: RouteModule = (app, table, deps) => {
  const userId = (auth: { user: { id: string } } | null): string => {
    if (!auth) throw new HotlineError(ErrorCode.Unauthenticated, 'log in first');
    return auth.user.id;
  };
  const now = () => new Date(deps.clock.now());
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/quizzes',
    summary: 'Quizzes built by trainers, to assign again',
    tags: ['kb'],
    access: KB_TRAINERS,
    handler: async () => ({ quizzes: await listBuiltQuizzes(deps.store) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/trainees',
    summary: 'Active agents who can be assigned a quiz',
    tags: ['kb'],
    access: KB_TRAINERS,
    handler: async () => ({ trainees: await listTrainees(deps.store) }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/quiz-assignments',
    summary: 'Assign a quiz (built now or before) to all or chosen agents with a due date',
    tags: ['kb'],
    access: KB_TRAINERS,
    body: QuizAssignBody,
    status: 201,
    handler: async ({ body, auth }) => ({
      assignment: await assignQuiz(deps.store, {
        ...body,
        actorId: userId(auth),
        dueAt: new Date(body.dueAt),
        now: now(),
      }),
    }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/quiz-assignments',
    summary: 'Assigned quizzes, newest first, with how many did them and how many are overdue',
    tags: ['kb'],
    access: KB_TRAINERS,
    handler: async () => ({ assignments: await listAssignments(deps.store, now()) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/quiz-assignments/mine',
    summary: 'Quizzes assigned to me: the ones to take first, with their due dates',
    tags: ['kb'],
    access: KB_TRAINEES,
    handler: async ({ auth }) => ({ assignments: await listMyAssignments(deps.store, userId(auth), now()) }),
  });
  defineRoute(app, table, {
    method: 'GET',
    url: '/api/v1/kb/quiz-assignments/:id',
    summary: 'One assigned quiz: per agent done, late, open or overdue, with the score',
    tags: ['kb'],
    access: KB_TRAINERS,
    params: KbItemParams,
    handler: async ({ params }) => ({ assignment: await assignmentResults(deps.store, params.id, now()) }),
  });
  defineRoute(app, table, {
    method: 'POST',
    url: '/api/v1/kb/quiz-assignments/:id/attempt',
    summary: 'Take a quiz assigned to me (once; an unfinished attempt is resumed); questions without the key',
    tags: ['kb'],
    access: KB_TRAINEES,
    params: KbItemParams,
    status: 201,
    handler: async ({ params, auth }) => ({
      attempt: await startAssignedAttempt(deps.store, { assignmentId: params.id, userId: userId(auth) }),
    }),
  });
};
