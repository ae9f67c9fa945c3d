import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedKbDemo } from '@hotline/kb';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';

let h: Harness;
let agent: Client;
let supervisor: Client;
let dept: Client;

before(async () => {
  h = await startHarness();
  await seedKbDemo(h.store);
  agent = await login(h.app, 'agent1', 'hotline-agent');
  supervisor = await login(h.app, 'banzhang', 'hotline-super');
  dept = await login(h.app, 'water', 'hotline-dept');
});
after(async () => h.close());

test('search and suggestions', async () => {
  const s = await agent.request('GET', `/api/v1/kb/search?q=${encodeURIComponent('楼下饭馆油烟太大')}`);
  assert.equal(s.status, 200, JSON.stringify(s.json));
  assert.equal((s.json as { hits: { code: string }[] }).hits[0]?.code, 'U011');
  const g = await agent.request('POST', '/api/v1/kb/suggest', { text: '来电人反映小区停水一天了，没有看到停水通知' });
  const hits = (g.json as { hits: { code: string }[] }).hits;
  assert.ok(hits.length <= 5 && hits.some((x) => x.code === 'W002' || x.code === 'W001'));
  assert.equal((await agent.request('GET', '/api/v1/kb/phrases?q=稍等')).status, 200);
  assert.equal((await agent.request('GET', '/api/v1/kb/hot-topics')).status, 200);
});

test('editor and review queue: a department expert drafts and submits, a supervisor approves', async () => {
  const c = await dept.request('POST', '/api/v1/kb/articles', {
    title: '二次供水水箱清洗预约',
    body: '二次供水水箱清洗可通过水务集团公众号预约。',
    tags: ['二次供水'],
  });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const id = (c.json as { article: { id: string } }).article.id;
  assert.equal((await agent.request('POST', '/api/v1/kb/articles', { title: 'x', body: 'y' })).status, 403);
  assert.equal((await dept.request('POST', `/api/v1/kb/articles/${id}/transition`, { to: 'review' })).status, 200);
  const queue = await supervisor.request('GET', '/api/v1/kb/articles?status=review');
  assert.ok((queue.json as { articles: { id: string }[] }).articles.some((a) => a.id === id));
  assert.equal((await dept.request('POST', `/api/v1/kb/articles/${id}/transition`, { to: 'published' })).status, 403);
  const pub = await supervisor.request('POST', `/api/v1/kb/articles/${id}/transition`, {
    to: 'published',
    comment: '同意',
  });
  assert.equal(pub.status, 200, JSON.stringify(pub.json));
  const s = await agent.request('GET', `/api/v1/kb/search?q=${encodeURIComponent('水箱清洗怎么预约')}`);
  assert.equal((s.json as { hits: { id: string }[] }).hits[0]?.id, id);
  const bad = await supervisor.request('POST', `/api/v1/kb/articles/${id}/transition`, { to: 'review' });
  assert.equal(bad.status, 409);
  const view = await agent.request('GET', `/api/v1/kb/articles/${id}`);
  assert.deepEqual(
    (view.json as { history: { type: string }[] }).history.map((x) => x.type),
    ['created', 'submitted', 'approved'],
  );
});

test('search hits carry category and validity; categories; article view names the editors', async () => {
  const cats = await agent.request('GET', '/api/v1/kb/categories');
  const names = (cats.json as { categories: { name: string }[] }).categories.map((c) => c.name);
  assert.ok(names.includes('供水') && names.includes('能源'), names.join(','));
  const s = await agent.request('GET', `/api/v1/kb/search?q=${encodeURIComponent('停水通知')}`);
  const hit = (s.json as { hits: { code: string; category: string | null; validTo: string | null }[] }).hits[0];
  assert.equal(hit?.category, '供水');
  assert.equal(hit?.validTo, null);
  const c = await dept.request('POST', '/api/v1/kb/articles', {
    title: '供水管网冬季防冻提示',
    body: '寒潮期间请包裹室外水表。',
    validFrom: '2026-11-01',
    validTo: '2027-03-01',
  });
  const id = (c.json as { article: { id: string } }).article.id;
  const view = await agent.request('GET', `/api/v1/kb/articles/${id}`);
  const v = view.json as { versions: { editorName: string | null }[]; history: { actorName: string | null }[] };
  assert.equal(v.versions[0]?.editorName, '水务局联络员');
  assert.equal(v.history[0]?.actorName, '水务局联络员');
});

test('phrases and hot topics: supervisors maintain them (audited), others read', async () => {
  const phrase = { category: '过程用语', title: '核实地址', body: '请问您反映的具体地址是哪里？' };
  assert.equal((await agent.request('POST', '/api/v1/kb/phrases', phrase)).status, 403);
  assert.equal((await dept.request('POST', '/api/v1/kb/phrases', phrase)).status, 403);
  const c = await supervisor.request('POST', '/api/v1/kb/phrases', phrase);
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const id = (c.json as { phrase: { id: string } }).phrase.id;
  const u = await supervisor.request('PUT', `/api/v1/kb/phrases/${id}`, { ...phrase, body: '请问具体地址是哪里？' });
  assert.equal(u.status, 200);
  const list = async () =>
    (
      (await agent.request('GET', `/api/v1/kb/phrases?q=${encodeURIComponent('具体地址')}`)).json as {
        phrases: { body: string }[];
      }
    ).phrases;
  assert.deepEqual(
    (await list()).map((p) => p.body),
    ['请问具体地址是哪里？'],
  );
  assert.equal((await supervisor.request('DELETE', `/api/v1/kb/phrases/${id}`)).status, 200);
  assert.deepEqual(await list(), []);
  assert.equal((await supervisor.request('DELETE', `/api/v1/kb/phrases/${id}`)).status, 404);

  const topic = {
    title: '燃气价格调整',
    summary: '居民用气价格自下月起调整。',
    announceText: '居民用气价格自下月起调整。',
  };
  const t = await supervisor.request('POST', '/api/v1/kb/hot-topics', topic);
  assert.equal(t.status, 201, JSON.stringify(t.json));
  const tid = (t.json as { topic: { id: string } }).topic.id;
  const titles = async () =>
    ((await agent.request('GET', '/api/v1/kb/hot-topics')).json as { topics: { title: string }[] }).topics.map(
      (x) => x.title,
    );
  assert.ok((await titles()).includes('燃气价格调整'));
  const later = '2040-01-01T00:00:00.000Z';
  await supervisor.request('PUT', `/api/v1/kb/hot-topics/${tid}`, { ...topic, endsAt: later });
  const listed = (await agent.request('GET', '/api/v1/kb/hot-topics')).json as {
    topics: { id: string; endsAt: string }[];
  };
  assert.equal(new Date(listed.topics.find((x) => x.id === tid)!.endsAt).toISOString(), later);
  const past = '2001-01-01T00:00:00.000Z';
  assert.equal(
    (await supervisor.request('PUT', `/api/v1/kb/hot-topics/${tid}`, { ...topic, endsAt: past })).status,
    200,
  );
  assert.ok(!(await titles()).includes('燃气价格调整'), 'an ended topic is no longer announced');
  assert.equal((await supervisor.request('DELETE', `/api/v1/kb/hot-topics/${tid}`)).status, 200);
  const audit = await h.store.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', 'in', [id, tid])
    .orderBy('id')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    [
      'kb.phrase.create',
      'kb.phrase.update',
      'kb.phrase.withdraw',
      'kb.hot_topic.create',
      'kb.hot_topic.update',
      'kb.hot_topic.update',
      'kb.hot_topic.end',
    ],
  );
});

test('rich-text bodies are sanitised on the server, indexed by their text and found by search', async () => {
  const hostile =
    '<h2>井盖缺失</h2><p onclick="alert(1)">发现<strong>窨井盖</strong>缺失请立即报修<script>alert(1)</script></p>' +
    '<ul><li><a href="javascript:alert(1)">危险链接</a></li><li><img src=x onerror=alert(1)>设置警示</li></ul>';
  const c = await dept.request('POST', '/api/v1/kb/articles', {
    title: '道路井盖缺失处置',
    body: hostile,
    bodyFormat: 'html',
  });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const article = (c.json as { article: { id: string; body: string; bodyFormat: string } }).article;
  assert.equal(article.bodyFormat, 'html');
  assert.equal(
    article.body,
    '<h2>井盖缺失</h2><p>发现<strong>窨井盖</strong>缺失请立即报修</p><ul><li>危险链接</li><li>设置警示</li></ul>',
  );
  const empty = await dept.request('POST', '/api/v1/kb/articles', {
    title: '空',
    body: '<script>x</script><p> </p>',
    bodyFormat: 'html',
  });
  assert.equal(empty.status, 400, 'a body with no text left is refused');
  await supervisor.request('POST', `/api/v1/kb/articles/${article.id}/transition`, { to: 'review' });
  await supervisor.request('POST', `/api/v1/kb/articles/${article.id}/transition`, { to: 'published' });
  const s = await agent.request('GET', `/api/v1/kb/search?q=${encodeURIComponent('窨井盖')}`);
  const hit = (s.json as { hits: { id: string; snippet: string; matched: string[] }[] }).hits.find(
    (x) => x.id === article.id,
  );
  assert.ok(hit, 'a word inside <strong> is found');
  assert.equal(hit?.snippet, '井盖缺失 发现窨井盖缺失请立即报修 危险链接 设置警示');
  assert.ok(
    hit?.matched.some((m) => hit.snippet.includes(m)),
    'matched terms are in the snippet, to highlight',
  );
  const old = await agent.request('GET', `/api/v1/kb/search?q=${encodeURIComponent('停水通知')}`);
  const id = (old.json as { hits: { id: string }[] }).hits[0]!.id;
  const view = (await agent.request('GET', `/api/v1/kb/articles/${id}`)).json as {
    article: { bodyFormat: string };
    versions: { bodyFormat: string }[];
  };
  assert.equal(view.article.bodyFormat, 'text', 'earlier articles stay plain text');
  assert.equal(view.versions[0]?.bodyFormat, 'text');
});
