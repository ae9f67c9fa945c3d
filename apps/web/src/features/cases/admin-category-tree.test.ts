import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AdminCategory, categoryRows, effectiveLimit } from './admin-category-tree.ts';
import type { TimeLimit } from './model.ts';

const wd = (sign: number, finish: number): TimeLimit => ({
  sign: { unit: 'working_days', amount: sign },
  finish: { unit: 'working_days', amount: finish },
});
const cat = (code: string, parentCode: string | null, sort: number, timeLimits = {}): AdminCategory => ({
  code,
  parentCode,
  name: code,
  nameEn: null,
  keywords: [],
  timeLimits,
  active: true,
  sort,
});
const defaults = { normal: wd(1, 5), urgent: wd(1, 2), critical: wd(1, 1) };
const list = [
  cat('03', null, 1, { normal: wd(2, 10) }),
  cat('0302', '03', 2),
  cat('030201', '0302', 1, { urgent: wd(1, 3) }),
  cat('01', null, 0),
];

test('categoryRows nests three levels in display order', () => {
  const rows = categoryRows(list);
  assert.deepEqual(
    rows.map((r) => r.code),
    ['01', '03'],
  );
  assert.equal(rows[0]!.children, undefined);
  assert.equal(rows[1]!.children![0]!.children![0]!.code, '030201');
  assert.equal(rows[1]!.children![0]!.children![0]!.level, 3);
});

test('effectiveLimit: own, then the nearest ancestor, then the default', () => {
  assert.deepEqual(effectiveLimit(list, '030201', 'urgent', defaults), { limit: wd(1, 3), from: '030201' });
  assert.deepEqual(effectiveLimit(list, '030201', 'normal', defaults), { limit: wd(2, 10), from: '03' });
  assert.deepEqual(effectiveLimit(list, '030201', 'critical', defaults), { limit: wd(1, 1), from: null });
  assert.deepEqual(effectiveLimit(list, 'nope', 'normal', defaults), { limit: wd(1, 5), from: null });
  const cyclic = [cat('A', 'B', 0), cat('B', 'A', 0)];
  assert.deepEqual(effectiveLimit(cyclic, 'A', 'normal', defaults), { limit: wd(1, 5), from: null }, 'a cycle ends');
});
