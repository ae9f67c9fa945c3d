import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightSegments } from './highlight.ts';

test('marks every occurrence of each matched term', () => {
  assert.deepEqual(highlightSegments('计划停水信息查询：停水通知', ['停水', '通知']), [
    { text: '计划', hit: false },
    { text: '停水', hit: true },
    { text: '信息查询：', hit: false },
    { text: '停水通知', hit: true },
  ]);
});

test('overlapping terms merge; Latin is case-insensitive; no terms leaves the text alone', () => {
  assert.deepEqual(highlightSegments('住房公积金提取', ['公积金', '住房公积金']), [
    { text: '住房公积金', hit: true },
    { text: '提取', hit: false },
  ]);
  assert.deepEqual(highlightSegments('ETC 办理', ['etc']), [
    { text: 'ETC', hit: true },
    { text: ' 办理', hit: false },
  ]);
  assert.deepEqual(highlightSegments('没有匹配', []), [{ text: '没有匹配', hit: false }]);
  assert.deepEqual(highlightSegments('', ['x']), []);
  assert.deepEqual(highlightSegments('abc', ['  ']), [{ text: 'abc', hit: false }]);
});

test('single characters are marked only when nothing longer matched', () => {
  assert.deepEqual(highlightSegments('垃圾中转站臭味大', ['臭味', '大']), [
    { text: '垃圾中转站', hit: false },
    { text: '臭味', hit: true },
    { text: '大', hit: false },
  ]);
  assert.deepEqual(highlightSegments('水价', ['水']), [
    { text: '水', hit: true },
    { text: '价', hit: false },
  ]);
});
