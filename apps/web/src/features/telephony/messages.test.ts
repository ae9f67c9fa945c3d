import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { telephonyMessages } from './messages.ts';

const dir = import.meta.dirname;
const sources = readdirSync(dir)
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && f !== 'messages.ts')
  .map((f) => readFileSync(`${dir}/${f}`, 'utf8'))
  .join('\n');

test('every key has a Simplified Chinese and an English string', () => {
  const zh = Object.keys(telephonyMessages['zh-CN']).sort();
  const en = Object.keys(telephonyMessages.en).sort();
  assert.deepEqual(zh, en);
  for (const k of zh) {
    assert.ok(telephonyMessages['zh-CN'][k]?.trim(), `empty zh ${k}`);
    assert.ok(telephonyMessages.en[k]?.trim(), `empty en ${k}`);
  }
});

test('every key the pages use exists; every template key has its family', () => {
  const bundle = telephonyMessages['zh-CN'];
  const literal = [...sources.matchAll(/['`](tel\.[\w.]+|menu\.telephony[\w.]*)['`]/g)].map((m) => m[1]!);
  assert.ok(literal.length > 80, `found ${literal.length} keys`);
  for (const k of literal) if (!k.endsWith('.')) assert.ok(k in bundle, `missing message ${k}`);
  const families = [...sources.matchAll(/`(tel\.[\w.]*\.)\$\{/g)].map((m) => m[1]!);
  assert.ok(families.length >= 6, `found ${families.length} families`);
  for (const f of families)
    assert.ok(
      Object.keys(bundle).some((k) => k.startsWith(f)),
      `no messages for ${f}*`,
    );
});

test('every permission class, hang-up side, alert kind and direction has a string', () => {
  const bundle = telephonyMessages.en;
  for (const p of ['internal', 'local', 'national', 'international']) assert.ok(`tel.perm.${p}` in bundle);
  for (const b of ['local', 'remote', 'control', 'system']) assert.ok(`tel.cdr.hangupBy.${b}` in bundle);
  for (const k of ['auth_failed', 'unauthenticated_external', 'permission_denied', 'outbound_volume', 'trunk_limit'])
    assert.ok(`tel.alert.kind.${k}` in bundle, k);
});

test('the Chinese strings are Chinese (no English left in the default UI)', () => {
  const allowed = /^(SIP|SHA|IP|Q)$/;
  for (const [k, v] of Object.entries(telephonyMessages['zh-CN'])) {
    const words = v.replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g) ?? [];
    assert.deepEqual(
      words.filter((w) => !allowed.test(w)),
      [],
      `${k}: ${v}`,
    );
  }
});
