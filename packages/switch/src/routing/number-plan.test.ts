import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyNumber, permits } from './number-plan.ts';

test('Chinese numbers are normalised and classed', () => {
  const c = (n: string, home = '571') => {
    const r = classifyNumber(n, home);
    return [r.kind, r.e164, r.dial, r.permission];
  };
  assert.deepEqual(c('12319'), ['short', null, '12319', 'local']);
  assert.deepEqual(c('110'), ['emergency', null, '110', 'local']);
  assert.deepEqual(c('13812345678'), ['mobile', '+8613812345678', '13812345678', 'local']);
  assert.deepEqual(c('+86 138-1234-5678'), ['mobile', '+8613812345678', '13812345678', 'local']);
  assert.deepEqual(c('057188886666'), ['local', '+8657188886666', '88886666', 'local']);
  assert.deepEqual(c('01088886666'), ['national', '+861088886666', '01088886666', 'national']);
  assert.deepEqual(c('+861088886666'), ['national', '+861088886666', '01088886666', 'national']);
  assert.deepEqual(c('0085223456789'), ['international', '+85223456789', '0085223456789', 'international']);
  assert.deepEqual(c('+14155550100'), ['international', '+14155550100', '0014155550100', 'international']);
  assert.deepEqual(c('88886666'), ['local', '+8657188886666', '88886666', 'local']);
  assert.equal(classifyNumber('12ab').kind, 'invalid');
  assert.equal(classifyNumber('0571123').kind, 'invalid');
});

test('permission classes are ordered', () => {
  assert.equal(permits('internal', 'local'), false);
  assert.equal(permits('local', 'local'), true);
  assert.equal(permits('national', 'international'), false);
  assert.equal(permits('international', 'national'), true);
});
