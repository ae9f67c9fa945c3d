import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayKind, monthCells, warnYears } from './admin-calendar-grid.ts';

test('monthCells pads to whole Monday-first weeks', () => {
  const dates = (y: number, m: number) => monthCells(y, m).map((c) => c.date);
  const feb2027 = dates(2027, 2); // 2027-02-01 is a Monday
  assert.equal(feb2027[0], '2027-02-01');
  assert.equal(feb2027.filter(Boolean).length, 28);
  assert.equal(feb2027.length, 28);
  const nov2026 = dates(2026, 11); // a Sunday: six pads before it
  assert.deepEqual(nov2026.slice(0, 7), [null, null, null, null, null, null, '2026-11-01']);
  assert.equal(nov2026.length % 7, 0);
  assert.equal(dates(2028, 2).filter(Boolean).length, 29, 'leap year');
  const keys = monthCells(2026, 11).map((c) => c.key);
  assert.equal(new Set(keys).size, keys.length, 'unique keys');
});

test('dayKind: the listed entry wins, else weekends by weekday', () => {
  assert.equal(dayKind('2027-02-06', undefined), 'weekend');
  assert.equal(dayKind('2027-02-08', undefined), 'weekday');
  assert.equal(
    dayKind('2027-02-08', { date: '2027-02-08', workday: false, source: 'override', name: '春节' }),
    'overrideHoliday',
  );
  assert.equal(
    dayKind('2027-02-06', { date: '2027-02-06', workday: true, source: 'override', name: null }),
    'overrideWorkday',
  );
  assert.equal(
    dayKind('2026-10-01', { date: '2026-10-01', workday: false, source: 'statutory', name: '国庆节' }),
    'statutoryHoliday',
  );
  assert.equal(
    dayKind('2026-10-10', { date: '2026-10-10', workday: true, source: 'statutory', name: '国庆节' }),
    'statutoryWorkday',
  );
});

test('warnYears: the shown year without data, and next year in November/December', () => {
  const covered = (y: number) => (y <= 2026 ? true : y === 2027 ? false : undefined);
  assert.deepEqual(warnYears('2026-11-22', 2026, covered), [2027]);
  assert.deepEqual(warnYears('2026-11-22', 2027, covered), [2027]);
  assert.deepEqual(warnYears('2026-10-31', 2026, covered), [], 'not before November');
  assert.deepEqual(
    warnYears('2026-12-01', 2026, () => true),
    [],
  );
  assert.deepEqual(
    warnYears('2026-12-01', 2026, () => undefined),
    [],
    'unknown yet: no warning',
  );
});
