import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localTime } from './format.ts';

test('localTime: ISO strings and epoch ms in local time, minutes or seconds; nothing or junk gives ""', () => {
  const at = new Date(2026, 10, 21, 9, 5, 7);
  assert.equal(localTime(at.toISOString()), '2026-11-21 09:05');
  assert.equal(localTime(at.getTime(), true), '2026-11-21 09:05:07');
  for (const v of [null, undefined, '', 'not a time']) assert.equal(localTime(v), '');
});
