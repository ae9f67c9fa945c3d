import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WATER_ACCOUNT_SCHEMA } from '../store/account-schema.ts';
import { validateImport } from './customer-import.ts';
import { isValidCreditCode, isValidResidentId } from './id-number.ts';
import { parseCsv } from './parse-csv.ts';

test('CSV: quotes, doubled quotes, CRLF, BOM, blank lines; unterminated quote is an error value', () => {
  const r = parseCsv('\uFEFF姓名,电话\r\n"张, 三","138""0013""8000"\r\n\r\n"多\n行",1\n');
  assert.ok(r.ok);
  assert.deepEqual(r.rows, [
    ['姓名', '电话'],
    ['张, 三', '138"0013"8000'],
    ['多\n行', '1'],
  ]);
  const bad = parseCsv('a,b\n"open,2\n');
  assert.equal(bad.ok, false);
  if (!bad.ok) assert.equal(bad.line, 2);
});

test('ID numbers and credit codes carry their check characters', () => {
  assert.ok(isValidResidentId('11010519491231002X'));
  assert.ok(!isValidResidentId('110105194912310021'));
  assert.ok(!isValidResidentId('11010519491331002X'));
  assert.ok(isValidCreditCode('91350100M000100Y43'));
  assert.ok(!isValidCreditCode('91350100M000100Y44'));
});

test('import validation lists every bad row with its sheet row number', () => {
  const r = validateImport(
    [
      ['姓名', '电话', '户号', '用水地址'],
      ['甲', '13800138000', 'A1', '一号'],
      ['乙', 'x', 'A2', ''],
      ['丙', '13800138001', 'A1', '二号'],
    ],
    { schema: WATER_ACCOUNT_SCHEMA },
  );
  assert.equal(r.ok, false);
  assert.equal(r.valid, 1);
  assert.deepEqual(
    r.problems.map((p) => p.row),
    [3, 3, 4],
  );
  assert.equal(validateImport([]).problems[0]?.message, 'the file is empty');
  assert.equal(validateImport([['电话']]).ok, false);
});
