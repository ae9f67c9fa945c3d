import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isHotlineError, newId } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import { kbDb } from './article-repository.ts';
import { createQuiz } from './kb-catalog.ts';
import { assignmentResults, listAssignments } from './quiz-assignment-results.ts';
import {
  assignQuiz,
  listBuiltQuizzes,
  listMyAssignments,
  listTrainees,
  startAssignedAttempt,
} from './quiz-assignments.ts';
import { parseQuestions, submitQuizAttempt } from './quiz-attempts.ts';
import { seedKbDemo } from './seed-kb-demo.ts';

let store: Store;
let lead: string;
let ann: string;
let bob: string;
let water: string;
const now = new Date();
const tomorrow = new Date(now.getTime() + 86_400_000);

async function user(username: string, roles: string[], active = true): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('users')
    .values({ id, username, display_name: `${username} 名`, password_hash: 'x', roles, active })
    .execute();
  return id;
}

const code = (e: unknown) => (isHotlineError(e) ? e.code : String(e));

before(async () => {
  store = await openTestStore();
  await seedKbDemo(store);
  lead = await user('qa-lead', ['supervisor']);
  ann = await user('qa-ann', ['agent']);
  bob = await user('qa-bob', ['agent']);
  await user('qa-gone', ['agent'], false);
  water = (
    await kbDb(store).selectFrom('kb_categories').select('id').where('name', '=', '供水').executeTakeFirstOrThrow()
  ).id;
});
after(async () => store?.close());

async function keyOf(attemptId: string): Promise<number[]> {
  const row = await kbDb(store)
    .selectFrom('kb_quiz_attempts')
    .select('questions')
    .where('id', '=', attemptId)
    .executeTakeFirstOrThrow();
  return parseQuestions(row.questions).map((q) => q.answer);
}

test('a quiz built from a category is assigned to chosen agents, taken once, and tallied', async () => {
  const trainees = (await listTrainees(store)).map((t) => t.username);
  assert.ok(trainees.includes('qa-ann') && trainees.includes('qa-bob'));
  assert.ok(!trainees.includes('qa-gone') && !trainees.includes('qa-lead'), 'only active agents');
  const a = await assignQuiz(store, {
    actorId: lead,
    title: '供水业务测验',
    categoryIds: [water],
    count: 3,
    allAgents: false,
    userIds: [ann, bob, ann],
    dueAt: tomorrow,
    now,
  });
  assert.equal(a.assigned, 2);
  const audit = await store.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id'])
    .where('target_id', '=', a.id)
    .execute();
  assert.deepEqual(audit, [{ action: 'kb.quiz_assignment.create', actor_id: lead }]);

  const mine = await listMyAssignments(store, ann, now);
  assert.deepEqual(
    mine.map((m) => [m.title, m.total, m.status, m.attemptId]),
    [['供水业务测验', 3, 'open', null]],
  );
  const started = await startAssignedAttempt(store, { assignmentId: a.id, userId: ann });
  assert.equal(started.questions.length, 3);
  assert.doesNotMatch(JSON.stringify(started), /answer|articleId/);
  const resumed = await startAssignedAttempt(store, { assignmentId: a.id, userId: ann });
  assert.equal(resumed.id, started.id, 'the unfinished attempt is resumed, not a second one');
  const key = await keyOf(started.id);
  const done = await submitQuizAttempt(store, { attemptId: started.id, userId: ann, answers: key });
  assert.equal(done.score, 100);
  await assert.rejects(startAssignedAttempt(store, { assignmentId: a.id, userId: ann }), (e) => code(e) === 'conflict');
  assert.equal((await listMyAssignments(store, ann, now))[0]?.status, 'done');

  const results = await assignmentResults(store, a.id, now);
  assert.deepEqual(
    results.assignees.map((r) => [r.username, r.status, r.score]),
    [
      ['qa-bob', 'open', null],
      ['qa-ann', 'done', 100],
    ],
  );
  assert.deepEqual([results.assigned, results.finished, results.overdue, results.averageScore], [2, 1, 0, 100]);
  const later = new Date(tomorrow.getTime() + 1000);
  const overdue = await assignmentResults(store, a.id, later);
  assert.deepEqual(
    overdue.assignees.map((r) => r.status),
    ['overdue', 'done'],
  );
  const list = await listAssignments(store, later);
  assert.equal(list.find((x) => x.id === a.id)?.overdue, 1);
  assert.ok((await listBuiltQuizzes(store)).some((q) => q.id === a.quizId && q.total === 3));
});

test('a built quiz assigned to all agents; foreign and hostile requests change nothing', async () => {
  const pool = await kbDb(store)
    .selectFrom('kb_articles')
    .select('id')
    .where('status', '=', 'published')
    .limit(2)
    .execute();
  const quiz = await createQuiz(store, { title: '已建测验', articleIds: pool.map((p) => p.id), actorId: lead });
  const a = await assignQuiz(store, {
    actorId: lead,
    title: '全员测验',
    quizId: quiz.id,
    allAgents: true,
    dueAt: tomorrow,
    now,
  });
  const agents = (await listTrainees(store)).length;
  assert.equal(a.assigned, agents);
  const s = await startAssignedAttempt(store, { assignmentId: a.id, userId: bob });
  assert.equal(s.questions.length, 2);
  const stored = parseQuestions(
    (
      await kbDb(store)
        .selectFrom('kb_quiz_attempts')
        .select('questions')
        .where('id', '=', s.id)
        .executeTakeFirstOrThrow()
    ).questions,
  );
  assert.ok(
    stored.every((q) => q.title.length > 0),
    'article titles are filled in for the review',
  );
  await assert.rejects(
    startAssignedAttempt(store, { assignmentId: a.id, userId: lead }),
    (e) => code(e) === 'not_found',
  );
  await assert.rejects(
    startAssignedAttempt(store, { assignmentId: newId(), userId: bob }),
    (e) => code(e) === 'not_found',
  );

  const before = await kbDb(store).selectFrom('kb_quiz_assignments').select('id').execute();
  const base = { actorId: lead, title: 'x', allAgents: false, userIds: [ann], dueAt: tomorrow, now };
  for (const bad of [
    { ...base, categoryIds: [water], dueAt: new Date(now.getTime() - 1000) },
    { ...base, categoryIds: [water], userIds: [] },
    { ...base, categoryIds: [water], userIds: [lead] },
    { ...base, categoryIds: [water], userIds: [newId()] },
    { ...base, categoryIds: [water], allAgents: true },
    { ...base },
    { ...base, categoryIds: [newId()] },
    { ...base, categoryIds: [water], count: 0 },
    { ...base, articleIds: [newId()] },
    { ...base, quizId: newId() },
    { ...base, quizId: quiz.id, categoryIds: [water] },
    { ...base, title: '  ', categoryIds: [water] },
  ]) {
    await assert.rejects(assignQuiz(store, bad), (e) => code(e) === 'validation_failed', JSON.stringify(bad));
  }
  assert.equal((await kbDb(store).selectFrom('kb_quiz_assignments').select('id').execute()).length, before.length);
});
