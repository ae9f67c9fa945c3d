import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CategoryTree } from './category-tree.ts';
import { DEMO_CATEGORIES, DEMO_DEFAULT_LIMITS, DEMO_DEPARTMENTS } from './demo-catalog.ts';
import { DepartmentTree } from './department-tree.ts';
import {
  canTransition,
  DEFAULT_INCIDENT_KINDS,
  type Incident,
  incidentProblems,
  suggestIncidents,
} from './incident.ts';
import { demoIntake } from './testing.ts';

const ctx = {
  kinds: DEFAULT_INCIDENT_KINDS,
  categories: new CategoryTree(DEMO_CATEGORIES, DEMO_DEFAULT_LIMITS),
  departments: new DepartmentTree(DEMO_DEPARTMENTS),
};
const T0 = Date.parse('2026-09-30T08:00:00+08:00');
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'i1',
  title: '和平路爆管',
  kind: 'burst_main',
  districtCode: '330102',
  streetCode: '330102001',
  categoryPrefixes: ['03'],
  startsAt: T0,
  endsAt: null,
  notice: '抢修中',
  status: 'open',
  ...over,
});

test('incident moves: open ⇄ resolved, nothing else', () => {
  assert.ok(canTransition('open', 'resolved'));
  assert.ok(canTransition('resolved', 'open'));
  assert.ok(!canTransition('open', 'open'));
  assert.ok(!canTransition('resolved', 'resolved'));
  assert.ok(!canTransition('closed' as never, 'open'));
});

test('incident fields: known kind, district and its own street, known categories, times in order', () => {
  assert.deepEqual(incidentProblems(incident(), ctx), []);
  assert.deepEqual(incidentProblems(incident({ streetCode: null, districtCode: null, categoryPrefixes: [] }), ctx), []);
  const p = (over: Partial<Incident>) => incidentProblems(incident(over), ctx).join('; ');
  assert.match(p({ title: '  ' }), /title: required/);
  assert.match(p({ title: 'x'.repeat(101) }), /title: longer/);
  assert.match(p({ kind: 'meteor' }), /kind: one of burst_main/);
  assert.match(p({ districtCode: '999999' }), /unknown district/);
  assert.match(p({ streetCode: '330103001' }), /not in district 330102/);
  assert.match(p({ districtCode: null }), /districtCode: required with a street/);
  assert.match(p({ streetCode: '330102' }), /unknown street/);
  assert.match(p({ categoryPrefixes: ['99'] }), /unknown category 99/);
  assert.match(p({ categoryPrefixes: ['03', '03'] }), /listed twice/);
  assert.match(p({ categoryPrefixes: 'nope' as never }), /categoryPrefixes/);
  assert.match(p({ endsAt: T0 - 1 }), /endsAt: not before startsAt/);
  assert.match(p({ startsAt: Number.NaN }), /startsAt/);
  assert.match(p({ status: 'resolved', endsAt: null }), /required once resolved/);
  assert.match(p({ notice: 'x'.repeat(1001) }), /notice/);
  assert.deepEqual(incidentProblems(incident({ kind: 'gas_leak' }), { ...ctx, kinds: ['gas_leak'] }), []);
});

test('suggestions: open, in its time window, same area, matching category; street-level first', () => {
  const water = demoIntake({ categoryCode: '030101' });
  const street = incident({ id: 'street' });
  const district = incident({ id: 'district', streetCode: null, startsAt: T0 + 1000 });
  const elsewhere = incident({ id: 'elsewhere', districtCode: '330103', streetCode: null });
  const noise = incident({ id: 'noise', categoryPrefixes: ['04'] });
  const over = incident({ id: 'over', endsAt: T0 + 10 });
  const done = incident({ id: 'done', status: 'resolved', endsAt: T0 + 1e9 });
  const ids = suggestIncidents([district, elsewhere, noise, over, done, street], water, T0 + 3600_000).map((i) => i.id);
  assert.deepEqual(ids, ['street', 'district']);
  assert.deepEqual(suggestIncidents([street], water, T0 - 1), [], 'not before it starts');
});
