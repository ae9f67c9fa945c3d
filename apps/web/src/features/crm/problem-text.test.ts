import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localizeProblem, problemText } from './problem-text.ts';

const zh: Record<string, string> = {
  'crm.problem.phone': '电话号码无效：{value}（{reason}）',
  'crm.phoneReason.too_short': '位数不足',
  'crm.problem.fieldNumber': '{field}必须是数字',
  'crm.problem.nameRequired': '姓名不能为空',
};
const t = (key: string, vars: Record<string, string> = {}) =>
  Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, v), zh[key] ?? key);

test('known domain sentences map to keys with their variables', () => {
  assert.deepEqual(problemText('invalid phone 999 (too_short)'), {
    key: 'crm.problem.phone',
    vars: { value: '999', reason: 'too_short' },
  });
  assert.deepEqual(problemText('account 10010001 repeats row 3'), {
    key: 'crm.problem.accountRepeats',
    vars: { account: '10010001', row: '3' },
  });
  assert.equal(problemText('name is required')?.key, 'crm.problem.nameRequired');
  assert.deepEqual(problemText('用水地址 is required'), {
    key: 'crm.problem.fieldRequired',
    vars: { field: '用水地址' },
  });
  assert.equal(problemText('something new'), null);
});

test('localizeProblem translates joined validation errors and keeps unknown text', () => {
  assert.equal(localizeProblem('invalid phone 999 (too_short)', t), '电话号码无效：999（位数不足）');
  assert.equal(localizeProblem('name is required; 欠费金额 must be a number', t), '姓名不能为空；欠费金额必须是数字');
  assert.equal(localizeProblem('disk on fire', t), 'disk on fire');
});
