import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { normalizePhone, phoneKey } from './normalize-phone.ts';

test('mobile numbers in every form reduce to one key', () => {
  for (const raw of [
    '13800138000',
    '+8613800138000',
    '+86 138-0013-8000',
    '008613800138000',
    '8613800138000',
    '013800138000',
    '1795113800138000',
    '１３８００１３８０００',
    'sip:13800138000@10.0.0.1;user=phone',
    'tel:+86-138-0013-8000',
  ]) {
    const r = normalizePhone(raw);
    assert.ok(r.ok, raw);
    assert.equal(r.kind, 'mobile', raw);
    assert.equal(r.key, '+8613800138000', raw);
    assert.equal(r.display, '138 0013 8000');
  }
});

test('landlines: two- and three-digit area codes, +86 without trunk 0, local numbers', () => {
  const bj = normalizePhone('010-62345678');
  assert.ok(bj.ok);
  assert.equal(bj.kind, 'landline');
  assert.equal(bj.areaCode, '10');
  assert.equal(bj.key, '+861062345678');
  assert.equal(bj.display, '010-6234 5678');
  const hz = normalizePhone('(0571) 8888 8888');
  assert.ok(hz.ok);
  assert.equal(hz.areaCode, '571');
  assert.equal(hz.national, '057188888888');
  assert.equal(phoneKey('+86 571 88888888'), '+8657188888888');
  assert.equal(phoneKey('0086-571-88888888'), '+8657188888888');
  assert.equal(phoneKey('020 3812 3456'), '+862038123456');
  const local = normalizePhone('88888888', { defaultAreaCode: '0571' });
  assert.ok(local.ok);
  assert.equal(local.key, '+8657188888888');
  assert.deepEqual(normalizePhone('88888888').ok, false);
  const seven = normalizePhone('0937-2345678');
  assert.ok(seven.ok);
  assert.equal(seven.areaCode, '937');
  assert.equal(seven.display, '0937-234 5678');
});

test('extensions are split off', () => {
  const r = normalizePhone('0571-88888888转123');
  assert.ok(r.ok);
  assert.equal(r.extension, '123');
  assert.equal(r.key, '+8657188888888');
  const x = normalizePhone('010-62345678 ext. 9');
  assert.ok(x.ok);
  assert.equal(x.extension, '9');
});

test('service numbers: specials, with area code, 400/800', () => {
  for (const n of ['110', '12345', '12319', '95598', '10086', '96123']) {
    const r = normalizePhone(n);
    assert.ok(r.ok, n);
    assert.equal(r.kind, 'service', n);
    assert.equal(r.national, n);
  }
  const withArea = normalizePhone('0571-12345');
  assert.ok(withArea.ok);
  assert.equal(withArea.kind, 'service');
  assert.equal(withArea.areaCode, '571');
  assert.equal(withArea.key, '+8657112345');
  const plus = normalizePhone('+86 12345');
  assert.ok(plus.ok);
  assert.equal(plus.kind, 'service');
  const n400 = normalizePhone('400-812-3123');
  assert.ok(n400.ok);
  assert.equal(n400.kind, 'service');
  assert.equal(n400.display, '400-812-3123');
});

test('international numbers keep their country code', () => {
  const r = normalizePhone('+1 415 555 2671');
  assert.ok(r.ok);
  assert.equal(r.kind, 'international');
  assert.equal(r.key, '+14155552671');
  assert.equal(phoneKey('00852 2123 4567'), '+85221234567');
});

test('bad input gives a reason, never a throw', () => {
  const cases: Array<[string, string]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not_digits'],
    ['12800138000', 'bad_mobile'],
    ['0571-2345', 'too_short'],
    ['0571-888888889', 'too_long'],
    ['0123-8888888', 'bad_area_code'],
    ['9'.repeat(80), 'too_long'],
  ];
  for (const [raw, reason] of cases) {
    const r = normalizePhone(raw);
    assert.equal(r.ok, false, raw);
    if (!r.ok) assert.equal(r.reason, reason, raw);
  }
  assert.equal(normalizePhone(undefined as unknown as string).ok, false);
});

test('property: any printable input returns a value; valid keys are stable under re-normalisation', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (s) => {
      const r = normalizePhone(s);
      assert.equal(typeof r.ok, 'boolean');
      if (r.ok) {
        const again = normalizePhone(r.key);
        assert.ok(again.ok);
        assert.equal(again.key, r.key);
      }
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
      assert.equal(phoneKey(`+86 ${m.slice(0, 3)}-${m.slice(3)}`), `+86${m}`);
    }),
  );
});
