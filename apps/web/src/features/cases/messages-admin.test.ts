import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFeatureMessages } from '../../shared/messages-check.ts';
import { adminEn } from './messages-admin-en.ts';
import { adminZh } from './messages-admin-zh.ts';
import { en } from './messages-en.ts';
import { zh } from './messages-zh.ts';

checkFeatureMessages({
  bundle: { 'zh-CN': adminZh, en: adminEn },
  dir: import.meta.dirname,
  prefixes: ['cases.cat.', 'cases.cal.', 'cases.rules.', 'menu.cases.categories', 'menu.cases.calendar'],
  minKeys: 40,
  minFamilies: 2,
  allowedLatin: /^(chinese|days)$/,
});

test('catalog-admin strings: the same placeholders in both languages, none shadowing the main bundle', () => {
  assert.deepEqual(
    Object.keys(adminZh).filter((k) => k in zh || k in en),
    [],
  );
  const params = (s: string) => [...s.matchAll(/\{([a-z]+)\}/g)].map((m) => m[1]).sort();
  for (const [k, v] of Object.entries(adminZh)) assert.deepEqual(params(v), params(adminEn[k] ?? ''), k);
});
