import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calendarRange, MAX_CALENDAR_RANGE_DAYS } from './catalog-admin-calendar.ts';

test('calendarRange lists the inclusive dates, across month and year ends', () => {
  assert.deepEqual(calendarRange('2027-02-05', '2027-02-07'), {
    ok: true,
    dates: ['2027-02-05', '2027-02-06', '2027-02-07'],
  });
  assert.deepEqual(calendarRange('2026-12-31', '2027-01-01'), { ok: true, dates: ['2026-12-31', '2027-01-01'] });
  assert.deepEqual(calendarRange('2028-02-28', '2028-03-01'), {
    ok: true,
    dates: ['2028-02-28', '2028-02-29', '2028-03-01'],
  });
  assert.deepEqual(calendarRange('2027-10-01', '2027-10-01'), { ok: true, dates: ['2027-10-01'] });
});

test('calendarRange refuses hostile input with a reason, never throws', () => {
  const cases: [string, string, RegExp][] = [
    ['2027-02-30', '2027-03-01', /from: not a calendar date/],
    ['2027-02-01', '2027-13-01', /to: not a calendar date/],
    ['', '', /from/],
    ["2027-01-01'; drop", '2027-01-02', /from/],
    ['2027-02-13', '2027-02-05', /before from/],
    ['2027-01-01', '2027-02-01', new RegExp(`at most ${MAX_CALENDAR_RANGE_DAYS}`)],
    ['1900-01-01', '2100-01-01', /at most/],
  ];
  for (const [from, to, why] of cases) {
    const r = calendarRange(from, to);
    assert.equal(r.ok, false, `${from}…${to}`);
    if (!r.ok) assert.match(r.error, why);
  }
  const full = calendarRange('2027-01-01', '2027-01-31');
  assert.ok(full.ok && full.dates.length === 31);
});
