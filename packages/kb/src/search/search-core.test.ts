import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planQuery } from './query-plan.ts';
import { bigramSimilarity, rankDocuments } from './rank.ts';
import { buildSearchDocument, pinyinInitials, plainText, toOrTsquery, toTsvectorLiteral } from './search-document.ts';
import { createSegmenter, defaultSegmenter } from './segmenter.ts';
import { SynonymTable } from './synonyms.ts';

test('segmentation keeps domain words whole and drops stopwords', () => {
  const seg = defaultSegmenter();
  const t = seg.tokens('请问我的工单什么时候处理？小区门口占道经营');
  assert.ok(t.includes('工单'), t.join('/'));
  assert.ok(!t.includes('工') && !t.includes('单'), t.join('/'));
  assert.ok(t.includes('占道经营'));
  assert.ok(!t.includes('请问') && !t.includes('的') && !t.includes('什么'));
  assert.deepEqual(seg.tokens(''), []);
  assert.deepEqual(seg.tokens(42 as unknown as string), []);
  assert.deepEqual(seg.tokens('，。！？'), []);
});

test('index and query share one segmentation: the same text yields the same tokens', () => {
  const seg = defaultSegmenter();
  for (const s of ['公积金提取', '噪音扰民怎么办', '12345热线工单']) {
    assert.deepEqual(seg.tokens(s), seg.tokens(s));
  }
  assert.ok(seg.tokens('12345热线工单').includes('12345'));
});

test('added words become tokens', () => {
  const seg = createSegmenter(['滨江水厂']);
  assert.ok(seg.tokens('滨江水厂检修').includes('滨江水厂'));
  seg.addWords(['智慧水务平台']);
  assert.ok(seg.tokens('登录智慧水务平台').includes('智慧水务平台'));
});

test('synonyms expand with a lower weight; original tokens keep weight 1', () => {
  const syn = new SynonymTable([['停水', '没水', '断水']]);
  const terms = syn.expand(['没水', '小区']);
  assert.deepEqual(
    terms.map((t) => [t.term, t.weight]),
    [
      ['没水', 1],
      ['小区', 1],
      ['停水', 0.7],
      ['断水', 0.7],
    ],
  );
  assert.equal(syn.expand(['停水', '没水']).find((t) => t.term === '没水')?.weight, 1);
});

test('pinyin initials and plain text', () => {
  assert.equal(pinyinInitials('停水查询'), 'tscx');
  assert.equal(pinyinInitials('12345热线'), '12345rx');
  assert.equal(plainText('<p>停水&nbsp;通知</p><br/>明天'), '停水 通知 明天');
});

test('tsvector and tsquery literals quote lexemes and carry weights', () => {
  const seg = defaultSegmenter();
  const d = buildSearchDocument(seg, { id: 'a', title: '停水通知', body: "it's 检修", keywords: ['供水'] });
  const v = toTsvectorLiteral(d);
  assert.match(v, /'停水':1A/);
  assert.match(v, /'供水':\d+B/);
  assert.equal(toOrTsquery(['停水', "o'k"]), "'停水' | 'o''k'");
});

test('ranking: title beats body, synonyms find colloquial words, initials match', () => {
  const seg = defaultSegmenter();
  const syn = new SynonymTable([['停水', '没水']]);
  const docs = [
    buildSearchDocument(seg, { id: 'title', title: '停水查询', body: '通知发布', keywords: [] }),
    buildSearchDocument(seg, { id: 'body', title: '营业厅地址', body: '停水时请到营业厅', keywords: [] }),
    buildSearchDocument(seg, { id: 'other', title: '公积金提取', body: '提取条件', keywords: [] }),
  ];
  const stats = {
    docCount: 3,
    avgTitle: 2,
    avgKeywords: 0,
    avgBody: 2,
    df: new Map([
      ['停水', 2],
      ['没水', 0],
    ]),
  };
  const plan = planQuery(seg, syn, '家里没水了');
  const hits = rankDocuments(plan.text, plan.terms, docs, stats, 5);
  assert.deepEqual(
    hits.map((h) => h.id),
    ['title', 'body'],
  );
  const ini = planQuery(seg, syn, 'TSCX');
  assert.equal(ini.initials, 'tscx');
  assert.equal(rankDocuments(ini.text, ini.terms, docs, stats, 1)[0]?.id, 'title');
  assert.ok(bigramSimilarity('公积金提取', '公积金的提取') > 0.5);
  assert.equal(bigramSimilarity('', 'x'), 0);
});
