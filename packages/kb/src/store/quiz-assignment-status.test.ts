import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assigneeStatus, tallyAssignment } from './quiz-assignment-status.ts';

const due = new Date('2026-11-20T16:00:00Z');
const before = new Date('2026-11-20T10:00:00Z');
const after = new Date('2026-11-21T10:00:00Z');

test('status: submitted on time, submitted late, still open, overdue', () => {
  assert.equal(assigneeStatus(due, after, before), 'done');
  assert.equal(assigneeStatus(due, after, due), 'done', 'on the due instant is on time');
  assert.equal(assigneeStatus(due, after, after), 'late');
  assert.equal(assigneeStatus(due, before, null), 'open');
  assert.equal(assigneeStatus(due, after, null), 'overdue');
});

test('tally: finished counts on time and late, the average only over submitted scores', () => {
  assert.deepEqual(
    tallyAssignment([
      { status: 'done', score: 80 },
      { status: 'late', score: 55 },
      { status: 'overdue', score: null },
      { status: 'open', score: null },
    ]),
    { assigned: 4, finished: 2, overdue: 1, averageScore: 68 },
  );
  assert.deepEqual(tallyAssignment([]), { assigned: 0, finished: 0, overdue: 0, averageScore: null });
});
