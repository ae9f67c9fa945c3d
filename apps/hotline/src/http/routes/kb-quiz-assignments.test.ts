import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedKbDemo } from '@hotline/kb';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';
import { quizKeyOf } from './kb-quiz.test-helper.ts';

interface Mine {
  id: string;
  title: string;
  status: string;
  total: number;
  score: number | null;
}
interface Results {
  assigned: number;
  finished: number;
  overdue: number;
  assignees: { username: string; status: string; score: number | null }[];
}

let h: Harness;
let agent: Client;
let agent2: Client;
let supervisor: Client;
let qa: Client;
let dept: Client;
let water: string;
let agentIds: Map<string, string>;

const DAY = 86_400_000;

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
  const t = (await supervisor.request('GET', '/api/v1/kb/trainees')).json as {
    trainees: { id: string; username: string }[];
  };
  agentIds = new Map(t.trainees.map((x) => [x.username, x.id]));
});
after(async () => h.close());

const keyOf = (id: string) => quizKeyOf(h.store, id);

test('a supervisor assigns a quiz to agent1; agent1 takes it once; the results show the score and who is overdue', async () => {
  assert.ok(agentIds.has('agent1') && agentIds.has('agent2') && !agentIds.has('banzhang'));
  // due in half an hour (the sessions of the test outlive it)
  const dueAt = new Date(h.clock.now() + 30 * 60_000).toISOString();
  const r = await supervisor.request('POST', '/api/v1/kb/quiz-assignments', {
    title: '供水政策周测',
    categoryIds: [water],
    count: 3,
    userIds: [agentIds.get('agent1'), agentIds.get('agent2')],
    dueAt,
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const { id } = (r.json as { assignment: { id: string } }).assignment;
  const audit = await h.store.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['kb.quiz_assignment.create'],
  );

  const mine = (await agent.request('GET', '/api/v1/kb/quiz-assignments/mine')).json as { assignments: Mine[] };
  assert.deepEqual(
    mine.assignments.map((m) => [m.title, m.status, m.total]),
    [['供水政策周测', 'open', 3]],
  );
  const s = await agent.request('POST', `/api/v1/kb/quiz-assignments/${id}/attempt`);
  assert.equal(s.status, 201, JSON.stringify(s.json));
  assert.doesNotMatch(JSON.stringify(s.json), /"answer"|"articleId"/, 'no key before submitting');
  const attempt = (s.json as { attempt: { id: string; questions: unknown[] } }).attempt;
  assert.equal(attempt.questions.length, 3);
  assert.equal(
    (await agent2.request('POST', `/api/v1/kb/quiz-attempts/${attempt.id}/submit`, { answers: [0, 0, 0] })).status,
    404,
  );
  const key = await keyOf(attempt.id);
  const sub = await agent.request('POST', `/api/v1/kb/quiz-attempts/${attempt.id}/submit`, {
    answers: [key[0], key[1], null],
  });
  assert.equal(sub.status, 200);
  assert.equal((sub.json as { attempt: { score: number } }).attempt.score, 67);
  assert.equal((await agent.request('POST', `/api/v1/kb/quiz-assignments/${id}/attempt`)).status, 409, 'one attempt');

  h.clock.advance(31 * 60_000);
  for (const c of [supervisor, qa]) {
    const res = await c.request('GET', `/api/v1/kb/quiz-assignments/${id}`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const a = (res.json as { assignment: Results }).assignment;
    assert.deepEqual(
      a.assignees.map((x) => [x.username, x.status, x.score]),
      [
        ['agent2', 'overdue', null],
        ['agent1', 'done', 67],
      ],
    );
    assert.deepEqual([a.assigned, a.finished, a.overdue], [2, 1, 1]);
    const list = (await c.request('GET', '/api/v1/kb/quiz-assignments')).json as { assignments: { id: string }[] };
    assert.ok(list.assignments.some((x) => x.id === id));
  }
  const later = (await agent2.request('GET', '/api/v1/kb/quiz-assignments/mine')).json as { assignments: Mine[] };
  assert.equal(later.assignments[0]?.status, 'overdue');
});

test('qa assigns a built quiz to all agents; hostile bodies are refused and change nothing', async () => {
  const built = await supervisor.request('POST', '/api/v1/kb/quizzes', {
    title: '已建',
    articleIds: [
      ...(
        (await agent.request('GET', `/api/v1/kb/search?q=${encodeURIComponent('停水通知')}`)).json as {
          hits: { id: string }[];
        }
      ).hits
        .slice(0, 2)
        .map((x) => x.id),
    ],
  });
  const quizId = (built.json as { quiz: { id: string } }).quiz.id;
  const listed = (await qa.request('GET', '/api/v1/kb/quizzes')).json as { quizzes: { id: string; total: number }[] };
  assert.equal(listed.quizzes.find((q) => q.id === quizId)?.total, 2);
  const dueAt = new Date(h.clock.now() + DAY).toISOString();
  const r = await qa.request('POST', '/api/v1/kb/quiz-assignments', { title: '全员', quizId, allAgents: true, dueAt });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal((r.json as { assignment: { assigned: number } }).assignment.assigned, agentIds.size);

  const count = async () => (await h.store.db.selectFrom('audit_log').select('id').execute()).length;
  const n = await count();
  for (const body of [
    {
      title: 'x',
      categoryIds: [water],
      userIds: [agentIds.get('agent1')],
      dueAt: new Date(h.clock.now() - DAY).toISOString(),
    },
    { title: 'x', categoryIds: [water], userIds: [], dueAt },
    { title: 'x', userIds: [agentIds.get('agent1')], dueAt },
    { title: 'x', categoryIds: [water], userIds: ['nope'], dueAt },
    { title: 'x', categoryIds: [water], userIds: [agentIds.get('agent1')], dueAt: 'tomorrow' },
    { title: '', categoryIds: [water], allAgents: true, dueAt },
  ]) {
    const x = await supervisor.request('POST', '/api/v1/kb/quiz-assignments', body);
    assert.equal(x.status, 400, JSON.stringify(body));
  }
  assert.equal(await count(), n);
  assert.equal(
    (await supervisor.request('GET', '/api/v1/kb/quiz-assignments/00000000-0000-4000-8000-000000000000')).status,
    404,
  );
});

test('roles: trainers assign and read results, agents only take their own', async () => {
  const dueAt = new Date(h.clock.now() + DAY).toISOString();
  const body = { title: 'x', categoryIds: [water], allAgents: true, dueAt };
  for (const c of [agent, dept]) {
    assert.equal((await c.request('POST', '/api/v1/kb/quiz-assignments', body)).status, 403);
    assert.equal((await c.request('GET', '/api/v1/kb/quiz-assignments')).status, 403);
    assert.equal((await c.request('GET', '/api/v1/kb/trainees')).status, 403);
    assert.equal((await c.request('GET', '/api/v1/kb/quizzes')).status, 403);
  }
  const r = await supervisor.request('POST', '/api/v1/kb/quiz-assignments', {
    ...body,
    allAgents: false,
    userIds: [agentIds.get('agent1')],
  });
  const { id } = (r.json as { assignment: { id: string } }).assignment;
  assert.equal((await agent.request('GET', `/api/v1/kb/quiz-assignments/${id}`)).status, 403);
  assert.equal(
    (await agent2.request('POST', `/api/v1/kb/quiz-assignments/${id}/attempt`)).status,
    404,
    'not assigned to agent2',
  );
  for (const c of [supervisor, qa, dept]) {
    assert.equal((await c.request('POST', `/api/v1/kb/quiz-assignments/${id}/attempt`)).status, 403);
    assert.equal((await c.request('GET', '/api/v1/kb/quiz-assignments/mine')).status, 403);
  }
});
