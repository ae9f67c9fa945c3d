import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { kbMessages } from './messages.ts';

const dir = import.meta.dirname;
const sources = readdirSync(dir)
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
  .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
  .join('\n');

test('every key has a Simplified Chinese and an English string', () => {
  const zh = Object.keys(kbMessages['zh-CN']).sort();
  const en = Object.keys(kbMessages.en).sort();
  assert.deepEqual(zh, en);
  for (const k of zh) {
    assert.ok(kbMessages['zh-CN'][k]?.trim(), `empty zh ${k}`);
    assert.ok(kbMessages.en[k]?.trim(), `empty en ${k}`);
  }
});

test('every key the pages use exists; every template key has its family', () => {
  const bundle = kbMessages['zh-CN'];
  const literal = [...sources.matchAll(/['`](kb\.[\w.]+|menu\.kb[\w.]*)['`]/g)].map((m) => m[1]!);
  assert.ok(literal.length > 60, `found ${literal.length} keys`);
  for (const k of literal) if (!k.endsWith('.')) assert.ok(k in bundle, `missing message ${k}`);
  const families = [...sources.matchAll(/`(kb\.[\w.]*\.)\$\{/g)].map((m) => m[1]!);
  assert.ok(families.length > 3);
  for (const f of families)
    assert.ok(
      Object.keys(bundle).some((k) => k.startsWith(f)),
      `no messages for ${f}*`,
    );
});

test('the Chinese strings are Chinese (no English left in the default UI)', () => {
  const allowed = /^(VIP|CSV|xlsx|csv)$/;
  for (const [k, v] of Object.entries(kbMessages['zh-CN'])) {
    const words = v.replace(/\{\w+\}/g, '').match(/[A-Za-z]{3,}/g) ?? [];
    assert.deepEqual(
      words.filter((w) => !allowed.test(w)),
      [],
      `${k}: ${v}`,
    );
  }
});
