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

test('attachment strings: the same keys in both languages, none shadowing the main bundle', async () => {
  const { filesEn } = await import('./messages-files-en.ts');
  const { filesZh } = await import('./messages-files-zh.ts');
  assert.deepEqual(Object.keys(filesZh).sort(), Object.keys(filesEn).sort());
  assert.deepEqual(
    Object.keys(filesZh).filter((k) => k in zh || k in en),
    [],
  );
  const english = Object.entries(filesZh).filter(([, v]) =>
    /[A-Za-z]{3,}/.test(v.replace(/PDF|Word|Excel|MP4|wav|mp3|amr|m4a|\{[a-z]+\}/g, '')),
  );
  assert.deepEqual(english, []);
});
