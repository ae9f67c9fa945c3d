import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomTokenHex } from './random-token.ts';

test('pooled tokens have the asked length, are hex and do not repeat across pool refills', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const t = randomTokenHex(10);
    assert.match(t, /^[0-9a-f]{20}$/);
    seen.add(t);
  }
  assert.equal(seen.size, 2000);
});
