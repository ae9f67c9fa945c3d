import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from './messages-en.ts';
import { zh } from './messages-zh.ts';

test('every Chinese string has an English one and vice versa (formulas: English only, Chinese from the API)', () => {
  const missingEn = Object.keys(zh).filter((k) => !(k in en));
  const missingZh = Object.keys(en).filter((k) => !(k in zh) && !k.endsWith('.formula'));
  assert.deepEqual(missingEn, []);
  assert.deepEqual(missingZh, []);
});

test('Chinese strings contain no untranslated English words', () => {
  const english = Object.entries(zh).filter(([, v]) => /[A-Za-z]{3,}/.test(v.replace(/Open311|\{[a-z]+\}/g, '')));
  assert.deepEqual(english, []);
});
