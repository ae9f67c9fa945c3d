import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedKbDemo } from '@hotline/kb';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';
import { quizKeyOf } from './kb-quiz.test-helper.ts';

interface Attempt {
  id: string;
  title: string;
  questions: { prompt: string; options: string[] }[];
  score: number | null;
  correct: number | null;
  total: number;
  review: { articleId: string; title: string; answer: number; chosen: number | null; right: boolean }[] | null;
}

let h: Harness;
let agent: Client;
let agent2: Client;
let supervisor: Client;
let qa: Client;
let dept: Client;
let water: string;

before(async () => {
  h = await startHarness();
  await seedKbDemo(h.store);
  agent = await login(h.app, 'agent1', 'hotline-agent');
  agent2 = await login(h.app, 'agent2', 'hotline-agent');
  supervisor = await login(h.app, 'banzhang', 'hotline-super');
  qa = await login(h.app, 'qa', 'hotline-qa');
  dept = await login(h.app, 'water', 'hotline-dept');
  const cats = (await agent.request('GET', '/api/v1/kb/categories')).json as {
    categories: { id: string; name: string }[];
  };
  water = cats.categories.find((c) => c.name === '供水')!.id;
});
after(async () => h.close());

const keyOf = (id: string) => quizKeyOf(h.store, id);

test('an agent takes a quiz: questions come without the key, the server scores, then shows the key', async () => {
  const s = await agent.request('POST', '/api/v1/kb/quiz-attempts', { categoryId: water, count: 4 });
  assert.equal(s.status, 201, JSON.stringify(s.json));
  const started = (s.json as { attempt: Attempt }).attempt;
  assert.equal(started.questions.length, 4);
  assert.match(started.title, /供水/);
  const raw = JSON.stringify(s.json);
  assert.doesNotMatch(raw, /"answer"|"articleId"|"review":\[|"right"/, 'no key and no article before submitting');
  for (const q of started.questions) assert.ok(q.options.length >= 2 && q.options.length <= 4);
  const open = await agent.request('GET', `/api/v1/kb/quiz-attempts/${started.id}`);
  assert.equal((open.json as { attempt: Attempt }).attempt.review, null);
  assert.doesNotMatch(JSON.stringify(open.json), /"answer"|"articleId"/);

  const key = await keyOf(started.id);
  // right on the first two, wrong on the third, blank on the fourth
  const answers = [key[0]!, key[1]!, (key[2]! + 1) % started.questions[2]!.options.length, null];
  const r = await agent.request('POST', `/api/v1/kb/quiz-attempts/${started.id}/submit`, { answers });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const done = (r.json as { attempt: Attempt }).attempt;
  assert.equal(done.correct, 2);
  assert.equal(done.score, 50);
  assert.deepEqual(
    done.review!.map((x) => x.right),
    [true, true, false, false],
  );
  assert.deepEqual(
    done.review!.map((x) => x.answer),
    key,
  );
  assert.equal(done.review![3]!.chosen, null);
  const article = await agent.request('GET', `/api/v1/kb/articles/${done.review![0]!.articleId}`);
  assert.equal(article.status, 200);

  const again = await agent.request('POST', `/api/v1/kb/quiz-attempts/${started.id}/submit`, { answers: key });
  assert.equal(again.status, 409, 'an attempt is scored once');
  const mine = (await agent.request('GET', '/api/v1/kb/quiz-attempts/mine')).json as { attempts: Attempt[] };
  assert.equal(mine.attempts[0]?.id, started.id);
  assert.equal(mine.attempts[0]?.score, 50);
  const audit = await h.store.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', started.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['kb.quiz_attempt.start', 'kb.quiz_attempt.submit'],
  );
});

test('hostile and foreign submissions change nothing', async () => {
  const s = await agent.request('POST', '/api/v1/kb/quiz-attempts', { categoryId: null, count: 3 });
  const a = (s.json as { attempt: Attempt }).attempt;
  assert.equal(a.questions.length, 3);
  assert.equal((await agent2.request('GET', `/api/v1/kb/quiz-attempts/${a.id}`)).status, 404);
  assert.equal(
    (await agent2.request('POST', `/api/v1/kb/quiz-attempts/${a.id}/submit`, { answers: [0, 0, 0] })).status,
    404,
    'another operator cannot submit my quiz',
  );
  for (const answers of [[0, 0], [0, 0, 0, 0], [0, 0, 9], [0, -1, 0], ['a', 0, 0], []]) {
    const r = await agent.request('POST', `/api/v1/kb/quiz-attempts/${a.id}/submit`, { answers });
    assert.equal(r.status, 400, JSON.stringify(answers));
  }
  const still = (await agent.request('GET', `/api/v1/kb/quiz-attempts/${a.id}`)).json as { attempt: Attempt };
  assert.equal(still.attempt.score, null);
  assert.equal((await agent.request('POST', '/api/v1/kb/quiz-attempts', { count: 0 })).status, 400);
  assert.equal((await agent.request('POST', '/api/v1/kb/quiz-attempts', { count: 21 })).status, 400);
  const noCat = await agent.request('POST', '/api/v1/kb/quiz-attempts', {
    categoryId: '00000000-0000-4000-8000-000000000000',
  });
  assert.equal(noCat.status, 400);
  assert.equal(
    (await agent.request('POST', '/api/v1/kb/quiz-attempts/not-a-uuid/submit', { answers: [0] })).status,
    400,
  );
});

test('roles: agents take quizzes, supervisors and qa read results, others neither', async () => {
  for (const c of [supervisor, qa, dept]) {
    assert.equal((await c.request('POST', '/api/v1/kb/quiz-attempts', { count: 3 })).status, 403);
    assert.equal((await c.request('GET', '/api/v1/kb/quiz-attempts/mine')).status, 403);
  }
  assert.equal((await agent.request('GET', '/api/v1/kb/quiz-results')).status, 403);
  assert.equal((await dept.request('GET', '/api/v1/kb/quiz-results')).status, 403);

  // agent2: every answer right in one quiz of 3
  const s = await agent2.request('POST', '/api/v1/kb/quiz-attempts', { categoryId: water, count: 3 });
  const a = (s.json as { attempt: Attempt }).attempt;
  await agent2.request('POST', `/api/v1/kb/quiz-attempts/${a.id}/submit`, { answers: await keyOf(a.id) });

  for (const c of [supervisor, qa]) {
    const r = await c.request('GET', '/api/v1/kb/quiz-results');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const ops = (
      r.json as {
        operators: {
          username: string;
          name: string;
          attempts: number;
          averageScore: number;
          weakest: { category: string; correct: number; total: number }[];
        }[];
      }
    ).operators;
    const one = ops.find((o) => o.username === 'agent1')!;
    const two = ops.find((o) => o.username === 'agent2')!;
    assert.equal(one.attempts, 1, 'unfinished attempts do not count');
    assert.equal(one.averageScore, 50);
    assert.ok(one.name.length > 0);
    assert.ok(one.weakest.length >= 1 && one.weakest.every((w) => w.correct < w.total));
    assert.equal(two.averageScore, 100);
    assert.deepEqual(two.weakest, []);
    assert.deepEqual(
      ops.map((o) => o.username),
      ['agent1', 'agent2'],
      'weakest average first',
    );
  }
});

test('a reviewer-built quiz keeps its existing shape', async () => {
  const s = await agent.request('GET', `/api/v1/kb/search?q=${encodeURIComponent('停水通知')}`);
  const ids = (s.json as { hits: { id: string }[] }).hits.slice(0, 2).map((x) => x.id);
  assert.equal((await agent.request('POST', '/api/v1/kb/quizzes', { title: 't', articleIds: ids })).status, 403);
  const q = await supervisor.request('POST', '/api/v1/kb/quizzes', { title: '供水培训', articleIds: ids });
  assert.equal(q.status, 201, JSON.stringify(q.json));
  const quiz = (q.json as { quiz: { questions: { options: string[]; answer: number }[] } }).quiz;
  assert.equal(quiz.questions.length, 2);
  for (const x of quiz.questions) assert.ok(x.answer >= 0 && x.answer < x.options.length);
});
