import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isHotlineError, newId } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore, testDialect } from '@hotline/store/testing';
import { defaultSegmenter } from '../search/segmenter.ts';
import { loadTestQueries, recallAtK } from '../testset/load-test-set.ts';
import { ArticleRepository, kbDb } from './article-repository.ts';
import { activeHotTopics, createQuiz, listPhrases } from './kb-catalog.ts';
import { KbSearch } from './kb-search.ts';
import {
  getQuizAttempt,
  listMyQuizAttempts,
  quizResults,
  startQuizAttempt,
  submitQuizAttempt,
} from './quiz-attempts.ts';
import { seedKbDemo } from './seed-kb-demo.ts';

let store: Store;
let ids: Map<string, string>;
let search: KbSearch;

before(async () => {
  store = await openTestStore();
  const t0 = performance.now();
  ids = await seedKbDemo(store);
  console.log(`seeded ${ids.size} articles on ${testDialect()} in ${Math.round(performance.now() - t0)} ms`);
  search = new KbSearch(store, defaultSegmenter());
});
after(async () => {
  await store?.close();
});

test('recall@3 through the database path (tsvector + pg_trgm candidates, same ranking) is at least 0.9', async () => {
  const queries = loadTestQueries();
  const results = new Map<string, string[]>();
  const t0 = performance.now();
  for (const q of queries) {
    const hits = await search.search(q.text, 3);
    results.set(
      q.text,
      hits.map((h) => [...ids.entries()].find(([, v]) => v === h.id)?.[0] ?? h.id),
    );
  }
  const ms = (performance.now() - t0) / queries.length;
  const r = recallAtK(queries, (q) => results.get(q) ?? [], 3);
  console.log(`kb db recall@3=${r.recall.toFixed(2)} on ${testDialect()}, mean ${ms.toFixed(1)} ms/query`);
  for (const m of r.misses) console.log(`  miss: ${m.query} expected ${m.expected.join(',')} got ${m.got.join(',')}`);
  assert.ok(r.recall >= 0.9, `recall@3 ${r.recall}`);
});

test('suggestions: top 5 for a case form text; pinyin initials and fuzzy titles find articles', async () => {
  const s = await search.suggest('市民反映小区门口长期有流动摊贩占道经营，影响通行');
  assert.ok(s.length > 0 && s.length <= 5);
  assert.equal(s[0]?.code, 'U001');
  assert.ok(s[0]!.snippet.length > 0);
  const ini = await search.search('gjjdk', 3);
  assert.equal(ini[0]?.code, 'H004', JSON.stringify(ini.map((h) => h.title)));
  const fuzzy = await search.search('公积金贷款申请条件', 3);
  assert.equal(fuzzy[0]?.code, 'H004');
  assert.deepEqual(await search.search('   '), []);
  assert.deepEqual(await search.search("'); drop table kb_articles; --"), []);
});

test('workflow: draft → review → published is searchable; archive removes it; illegal moves are refused', async () => {
  const repo = new ArticleRepository(store, defaultSegmenter());
  const a = await repo.create({
    title: '滨江新区智慧水表更换公告',
    body: '滨江新区将统一更换智慧水表，更换免费。',
    tags: ['水表'],
  });
  assert.equal(a.status, 'draft');
  assert.equal(
    (await search.search('智慧水表', 5)).some((h) => h.id === a.id),
    false,
  );
  const edited = await repo.update(
    a.id,
    { title: a.title, body: `${a.body}更换期间停水约30分钟。`, tags: ['水表', '停水'] },
    null,
    '补充停水说明',
  );
  assert.equal(edited.version, 2);
  await repo.transition(a.id, 'review');
  await repo.transition(a.id, 'published', null, '同意发布');
  search.invalidateStats();
  assert.equal((await search.search('智慧水表', 5))[0]?.id, a.id);
  await assert.rejects(repo.update(a.id, { title: 'x', body: 'y' }), (e) => isHotlineError(e) && e.code === 'conflict');
  await assert.rejects(repo.transition(a.id, 'review'), (e) => isHotlineError(e) && e.code === 'illegal_transition');
  await repo.transition(a.id, 'archived');
  assert.equal(
    (await search.search('智慧水表', 5)).some((h) => h.id === a.id),
    false,
  );
  const history = await repo.history(a.id);
  assert.deepEqual(
    history.map((h) => h.type),
    ['created', 'edited', 'submitted', 'approved', 'archived'],
  );
  assert.equal((await repo.versions(a.id)).length, 2);
  await assert.rejects(
    repo.create({ title: '', body: '' }),
    (e) => isHotlineError(e) && e.code === 'validation_failed',
  );
});

test('validity dates: an expired article is not found', async () => {
  const repo = new ArticleRepository(store, defaultSegmenter());
  const a = await repo.create({
    title: '春节期间垃圾清运时间调整',
    body: '春节期间垃圾清运改为每日一次。',
    validFrom: '2020-01-01',
    validTo: '2020-02-01',
  });
  await repo.transition(a.id, 'review');
  await repo.transition(a.id, 'published');
  assert.equal(
    (await search.search('春节垃圾清运时间', 5)).some((h) => h.id === a.id),
    false,
  );
});

test('phrases, hot topics and a quiz from articles', async () => {
  const phrases = await listPhrases(store);
  assert.ok(phrases.length >= 5);
  assert.ok((await listPhrases(store, '稍等')).every((p) => p.body.includes('稍等') || p.title.includes('稍等')));
  const topics = await activeHotTopics(store);
  assert.equal(topics[0]?.title, '城区计划停水');
  assert.ok(topics[0]?.announceText);
  let seed = 1;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  const quiz = await createQuiz(
    store,
    { title: '供水业务测验', articleIds: [ids.get('W005')!, ids.get('W007')!] },
    rnd,
  );
  assert.equal(quiz.questions.length, 2);
  for (const q of quiz.questions) {
    assert.equal(q.options.length, 4);
    assert.ok(q.answer >= 0 && q.answer < 4);
  }
  assert.match(quiz.questions[0]!.options[quiz.questions[0]!.answer]!, /阶梯水价|逾期/);
});

test('a rich-text body is stored sanitised, indexed by its text, and quizzes quote its text', async () => {
  const repo = new ArticleRepository(store, defaultSegmenter());
  const a = await repo.create({
    title: '共享单车乱停放投诉',
    body: '<p>共享单车<b>乱停放</b>可联系运营企业调度清理。</p><ol><li>记录位置</li></ol><script>alert(1)</script>',
    bodyFormat: 'html',
  });
  assert.equal(a.bodyFormat, 'html');
  assert.equal(a.body, '<p>共享单车<strong>乱停放</strong>可联系运营企业调度清理。</p><ol><li>记录位置</li></ol>');
  await repo.transition(a.id, 'review');
  await repo.transition(a.id, 'published');
  search.invalidateStats();
  const hits = await search.search('单车乱停放', 5);
  const hit = hits.find((h) => h.id === a.id);
  assert.ok(hit, hits.map((h) => h.title).join(','));
  assert.doesNotMatch(hit.snippet, /[<>]/);
  const quiz = await createQuiz(store, { title: 't', articleIds: [a.id] });
  const q = quiz.questions[0]!;
  assert.equal(q.options[q.answer], '共享单车乱停放可联系运营企业调度清理。');
});

test('quiz attempts: start without the key, submit once, results per operator', async () => {
  const user = { id: newId() };
  await store.db
    .insertInto('users')
    .values({ id: user.id, username: 'quiz-op', display_name: '测验话务员', password_hash: 'x', roles: ['agent'] })
    .execute();
  const cat = await kbDb(store)
    .selectFrom('kb_categories')
    .select('id')
    .where('name', '=', '供水')
    .executeTakeFirstOrThrow();
  const started = await startQuizAttempt(store, { userId: user.id, categoryId: cat.id, count: 3 });
  assert.equal(started.questions.length, 3);
  assert.doesNotMatch(JSON.stringify(started), /answer|articleId/);
  const open = await getQuizAttempt(store, started.id, user.id);
  assert.equal(open.review, null);
  const done = await submitQuizAttempt(store, { attemptId: started.id, userId: user.id, answers: [0, 0, 0] });
  assert.equal(done.total, 3);
  assert.equal(done.correct, done.review!.filter((r) => r.right).length);
  assert.equal(done.score, Math.round((done.correct! / 3) * 100));
  await assert.rejects(
    submitQuizAttempt(store, { attemptId: started.id, userId: user.id, answers: [0, 0, 0] }),
    (e) => isHotlineError(e) && e.code === 'conflict',
  );
  assert.equal((await listMyQuizAttempts(store, user.id))[0]?.id, started.id);
  const results = await quizResults(store, null);
  assert.deepEqual(
    results.map((r) => [r.name, r.attempts, r.averageScore]),
    [['测验话务员', 1, done.score]],
  );
  assert.deepEqual(await quizResults(store, new Date(Date.now() + 86_400_000)), []);
});
