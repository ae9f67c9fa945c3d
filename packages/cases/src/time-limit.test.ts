import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCaseNumber, parseCaseNumber } from './case-number.ts';
import { clockState, DEFAULT_CLOCK_RULES, deadlineFrom, extendDeadline, warnAt } from './time-limit.ts';
import { WorkingCalendar } from './working-calendar.ts';

const cal = new WorkingCalendar();
/** An instant given as China local time. */
const cst = (s: string) => Date.parse(`${s}+08:00`);
const rules = DEFAULT_CLOCK_RULES;

test('statutory data: 2026 National Day holidays and make-up working days (调休), offline from chinese-days', () => {
  assert.ok(cal.covers(2026) && cal.covers(2004));
  assert.equal(cal.statutoryYears.from, 2004);
  assert.deepEqual(cal.dayInfo('2026-10-05'), {
    date: '2026-10-05',
    workday: false,
    source: 'statutory',
    name: '国庆节',
  });
  assert.deepEqual(cal.dayInfo('2026-10-10'), {
    date: '2026-10-10',
    workday: true,
    source: 'statutory',
    name: '国庆节',
  });
  assert.equal(cal.isWorkday('2026-09-20'), true, 'Sunday 20 Sep 2026 is a make-up working day');
  assert.equal(cal.isWorkday('2026-02-14'), true, 'Saturday 14 Feb 2026 is a make-up working day');
  assert.equal(cal.isWorkday('2026-02-16'), false);
  assert.equal(cal.dayInfo('2026-11-21').source, 'weekend');
  assert.equal(cal.isWorkday('2026-11-23'), true);
});

test('years without statutory data fall back to weekends; overrides win over everything', () => {
  const c = cal.withOverrides([
    { date: '2027-02-08', kind: 'holiday', name: '春节(本地预排)' },
    { date: '2026-10-10', kind: 'holiday', name: '改为休息' },
  ]);
  assert.equal(c.covers(2099), false);
  assert.equal(cal.isWorkday('2027-02-08'), true);
  assert.deepEqual(c.dayInfo('2027-02-08'), {
    date: '2027-02-08',
    workday: false,
    source: 'override',
    name: '春节(本地预排)',
  });
  assert.equal(c.isWorkday('2026-10-10'), false);
});

test('working days counted from the next day cross National Day and its make-up Saturday', () => {
  const start = cst('2026-09-30T10:00:00');
  // Day 1 = Thu 8 Oct, 2 = Fri 9, 3 = Sat 10 (make-up), 4 = Mon 12, 5 = Tue 13 → ends 24:00 on 13 Oct.
  assert.equal(deadlineFrom(cal, start, { unit: 'working_days', amount: 5 }, rules), cst('2026-10-14T00:00:00'));
  assert.equal(deadlineFrom(cal, start, { unit: 'working_days', amount: 1 }, rules), cst('2026-10-09T00:00:00'));
  const sameDay = { ...rules, countFromNextDay: false };
  assert.equal(deadlineFrom(cal, start, { unit: 'working_days', amount: 1 }, sameDay), cst('2026-10-01T00:00:00'));
  assert.equal(deadlineFrom(cal, start, { unit: 'working_days', amount: 5 }, sameDay), cst('2026-10-13T00:00:00'));
});

test('Spring Festival 2026: the make-up Saturday before the break counts, the nine days off do not', () => {
  const start = cst('2026-02-13T16:30:00');
  assert.equal(deadlineFrom(cal, start, { unit: 'working_days', amount: 1 }, rules), cst('2026-02-15T00:00:00'));
  // 14 Feb (Sat, make-up), 24, 25, 26, 27 Feb.
  assert.equal(deadlineFrom(cal, start, { unit: 'working_days', amount: 5 }, rules), cst('2026-02-28T00:00:00'));
});

test('hours are clock hours; calendar days ignore holidays; an override shifts a working-day deadline', () => {
  const start = cst('2026-09-30T10:00:00');
  assert.equal(deadlineFrom(cal, start, { unit: 'hours', amount: 24 }, rules), cst('2026-10-01T10:00:00'));
  assert.equal(deadlineFrom(cal, start, { unit: 'hours', amount: 0.5 }, rules), cst('2026-09-30T10:30:00'));
  assert.equal(deadlineFrom(cal, start, { unit: 'days', amount: 3 }, rules), cst('2026-10-04T00:00:00'));
  const c = cal.withOverrides([{ date: '2026-10-12', kind: 'holiday' }]);
  assert.equal(deadlineFrom(c, start, { unit: 'working_days', amount: 5 }, rules), cst('2026-10-15T00:00:00'));
});

test('an approved extension adds working days after the current deadline day', () => {
  const deadline = cst('2026-09-30T00:00:00'); // end of Tue 29 Sep
  // 30 Sep, (1–7 Oct off), 8 Oct, 9 Oct → end of 9 Oct.
  assert.equal(extendDeadline(cal, deadline, { unit: 'working_days', amount: 3 }), cst('2026-10-10T00:00:00'));
  assert.equal(extendDeadline(cal, deadline, { unit: 'hours', amount: 12 }), cst('2026-09-30T12:00:00'));
});

test('warning at the configured share of the span, then overdue', () => {
  const start = cst('2026-11-23T08:00:00');
  const end = cst('2026-11-23T18:00:00');
  assert.equal(warnAt(start, end, rules), cst('2026-11-23T16:00:00'));
  assert.equal(clockState(start, end, cst('2026-11-23T15:59:00'), rules), 'ok');
  assert.equal(clockState(start, end, cst('2026-11-23T16:00:00'), rules), 'due_soon');
  assert.equal(clockState(start, end, cst('2026-11-23T18:00:01'), rules), 'overdue');
  assert.equal(clockState(start, end, cst('2026-11-23T13:00:00'), { ...rules, warnShare: 0.5 }), 'due_soon');
});

test('case numbers: prefix, local date, per-day sequence; hostile strings do not parse', () => {
  assert.equal(formatCaseNumber('12319', '2026-11-21', 1), '12319-20261121-0001');
  assert.equal(formatCaseNumber('SW', '2026-01-02', 12345), 'SW-20260102-12345');
  assert.deepEqual(parseCaseNumber('12319-20261121-0001'), { prefix: '12319', date: '2026-11-21', seq: 1 });
  for (const bad of ['', '12319-2026112-0001', "12319-20261121-0001' or 1=1", '12319_20261121_0001']) {
    assert.equal(parseCaseNumber(bad), null);
  }
});
