/**
 * The checks every feature's message bundle must pass, as `node:test` tests:
 * both languages have the same non-empty keys; every key the feature's sources name exists (and
 * every `${…}` template key family has members); the Chinese strings hold no English words.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { MessageBundle } from './i18n.tsx';

export interface MessageCheck {
  bundle: MessageBundle;
  /** The feature's directory (its `.ts`/`.tsx` sources are scanned for keys). */
  dir: string;
  /** Key prefixes, e.g. `['crm.', 'menu.crm']`. */
  prefixes: string[];
  /** At least this many literal keys and template families must be found (guards the scan itself). */
  minKeys: number;
  minFamilies: number;
  /** Latin words allowed in Chinese strings (product and protocol names). */
  allowedLatin: RegExp;
  /** Shortest run of Latin letters that counts as a word (default 3). */
  minLatin?: number;
  skipFiles?: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function checkFeatureMessages(c: MessageCheck): void {
  const sources = readdirSync(c.dir)
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts') && !(c.skipFiles ?? []).includes(f))
    .map((f) => readFileSync(`${c.dir}/${f}`, 'utf8'))
    .join('\n');
  const prefix = c.prefixes.map((p) => `${escapeRegExp(p)}[\\w.]*`).join('|');

  test('every key has a Simplified Chinese and an English string', () => {
    const zh = Object.keys(c.bundle['zh-CN']).sort();
    const en = Object.keys(c.bundle.en).sort();
    assert.deepEqual(zh, en);
    for (const k of zh) {
      assert.ok(c.bundle['zh-CN'][k]?.trim(), `empty zh ${k}`);
      assert.ok(c.bundle.en[k]?.trim(), `empty en ${k}`);
    }
  });

  test('every key the pages use exists; every template key has its family', () => {
    const bundle = c.bundle['zh-CN'];
    const literal = [...sources.matchAll(new RegExp(`['\`](${prefix})['\`]`, 'g'))].map((m) => m[1]!);
    assert.ok(literal.length > c.minKeys, `found ${literal.length} keys`);
    for (const k of literal) if (!k.endsWith('.')) assert.ok(k in bundle, `missing message ${k}`);
    const families = [...sources.matchAll(new RegExp(`\`(${prefix}\\.)\\$\\{`, 'g'))].map((m) => m[1]!);
    assert.ok(families.length >= c.minFamilies, `found ${families.length} families`);
    for (const f of families)
      assert.ok(
        Object.keys(bundle).some((k) => k.startsWith(f)),
        `no messages for ${f}*`,
      );
  });

  test('the Chinese strings are Chinese (no English left in the default UI)', () => {
    const word = new RegExp(`[A-Za-z]{${c.minLatin ?? 3},}`, 'g');
    for (const [k, v] of Object.entries(c.bundle['zh-CN'])) {
      const words = v.replace(/\{\w+\}/g, '').match(word) ?? [];
      assert.deepEqual(
        words.filter((w) => !c.allowedLatin.test(w)),
        [],
        `${k}: ${v}`,
      );
    }
  });
}
