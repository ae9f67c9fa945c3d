import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHotlineError } from '@hotline/core';
import { keyAnswer } from './quiz.ts';
import { type AttemptQuestion, openQuestions, scoreAttempt, summarizeResults } from './quiz-scoring.ts';

const q = (answer: number, category: string | null): AttemptQuestion => ({
  articleId: `a-${category}-${answer}`,
  title: 't',
  category,
  prompt: 'p',
  options: ['a', 'b', 'c', 'd'],
  answer,
});

test('scoring against the kept key; blanks count as wrong; bad answers are refused', () => {
  const qs = [q(0, '供水'), q(3, '供水'), q(1, '社保')];
  assert.deepEqual(scoreAttempt(qs, [0, 3, 1]), { correct: 3, total: 3, score: 100, right: [true, true, true] });
  assert.deepEqual(scoreAttempt(qs, [0, null, 2]), { correct: 1, total: 3, score: 33, right: [true, false, false] });
  for (const bad of [
    [0, 3],
    [0, 3, 1, 1],
    [0, 3, 4],
    [0, 3, -1],
    [0, 3, 1.5],
  ]) {
    assert.throws(
      () => scoreAttempt(qs, bad),
      (e) => isHotlineError(e),
    );
  }
  assert.deepEqual(openQuestions(qs)[0], { prompt: 'p', options: ['a', 'b', 'c', 'd'] });
  assert.equal('answer' in openQuestions(qs)[0]!, false);
});

test('results per operator: average, best, weakest categories first', () => {
  const at = new Date('2026-05-01T08:00:00Z');
  const later = new Date('2026-05-02T08:00:00Z');
  const qs = [q(0, '供水'), q(0, '供水'), q(0, '社保'), q(0, null)];
  const r = summarizeResults([
    { userId: 'u1', questions: qs, answers: [0, 1, 1, 0], score: 50, finishedAt: at },
    { userId: 'u1', questions: qs, answers: [0, 0, 1, null], score: 50, finishedAt: later },
    { userId: 'u2', questions: qs, answers: [0, 0, 0, 0], score: 100, finishedAt: at },
  ]);
  assert.deepEqual(
    r.map((x) => [x.userId, x.attempts, x.averageScore, x.bestScore]),
    [
      ['u1', 2, 50, 50],
      ['u2', 1, 100, 100],
    ],
  );
  assert.equal(r[0]!.lastAt.toISOString(), later.toISOString());
  assert.deepEqual(
    r[0]!.weakest.map((w) => [w.category, w.correct, w.total]),
    [
      ['社保', 0, 2],
      [null, 1, 2],
      ['供水', 3, 4],
    ],
  );
  assert.deepEqual(r[1]!.weakest, []);
  assert.deepEqual(summarizeResults([]), []);
});

test('the key answer is the first sentence or line of the text', () => {
  assert.equal(keyAnswer('停水前24小时发布通知。其余内容'), '停水前24小时发布通知。');
  assert.equal(keyAnswer('停水通知\n详见公众号。'), '停水通知');
});
