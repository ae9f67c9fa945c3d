import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calendarYear, categoryProblems } from './catalog-admin.ts';
import type { Category } from './category-tree.ts';
import { DEMO_CATEGORIES, DEMO_DEFAULT_LIMITS } from './demo-catalog.ts';
import { WorkingCalendar } from './working-calendar.ts';

const cat = (code: string, parentCode: string | null, over: Partial<Category> = {}): Category => ({
  code,
  parentCode,
  name: code,
  nameEn: null,
  keywords: [],
  timeLimits: {},
  active: true,
  ...over,
});

test('category edits: three levels at most, codes extend the parent, known parents, valid limits', () => {
  const p = (c: Category) => categoryProblems(DEMO_CATEGORIES, c, DEMO_DEFAULT_LIMITS);
  assert.deepEqual(p(cat('030299', '0302')), []);
  assert.deepEqual(p(cat('07', null)), []);
  assert.match(p(cat('03029901', '030201')).join(), /deeper than 3/);
  assert.match(p(cat('040299', '0302')).join(), /extend the parent/);
  assert.match(p(cat('9901', '99')).join(), /unknown parent 99/);
  assert.match(p(cat('03 02', null)).join(), /letters or digits/);
  assert.match(
    p(
      cat('030298', '0302', {
        timeLimits: { urgent: { sign: { unit: 'hours', amount: 0 }, finish: { unit: 'hours', amount: 4 } } },
      }),
    ).join(),
    /timeLimits.urgent/,
  );
  assert.match(
    p(
      cat('030298', '0302', {
        timeLimits: { normal: { sign: { unit: 'working_days', amount: 1.5 }, finish: { unit: 'days', amount: 3 } } },
      }),
    ).join(),
    /timeLimits.normal/,
    'day-based limits are whole days',
  );
});

test("a year's special days: statutory holidays, make-up working days and overrides — nothing else", () => {
  const cal = new WorkingCalendar({ overrides: [{ date: '2026-06-01', kind: 'holiday', name: '儿童节调休' }] });
  const days = calendarYear(cal, 2026);
  assert.ok(days.some((d) => d.date === '2026-10-01' && !d.workday && d.source === 'statutory'));
  assert.ok(days.some((d) => d.date === '2026-10-10' && d.workday && d.source === 'statutory'));
  assert.deepEqual(
    days.find((d) => d.date === '2026-06-01'),
    { date: '2026-06-01', workday: false, source: 'override', name: '儿童节调休' },
  );
  assert.ok(days.every((d) => d.source === 'statutory' || d.source === 'override'));
  assert.ok(days.length > 20 && days.length < 60, `${days.length} special days`);
});
