import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import type { Actor } from './actor.ts';
import type { CaseState } from './case-model.ts';
import { CaseRepository } from './case-repository.ts';
import { assignmentFacts, roundFacts } from './metrics.ts';
import { type MetricQuery, metricReport } from './metrics-report.ts';
import { metricReportSql } from './metrics-sql.ts';
import { seedCaseCatalog } from './seed-demo.ts';
import { demoIntake } from './testing.ts';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let store: Store;
let ids: Map<string, string>;
const agent: Actor = { id: '00000000-0000-4000-8000-0000000000a1', name: '坐席', roles: ['agent'], departmentId: null };
const dept = (code: string): Actor => ({
  id: '00000000-0000-4000-8000-0000000000b1',
  name: code,
  roles: ['department'],
  departmentId: ids.get(code)!,
});

before(async () => {
  store = await openTestStore();
  ids = await seedCaseCatalog(store);
});
after(async () => {
  await store.close();
});

/**
 * Cases spread over fourteen months, with on-time and late signing, returns, co-departments,
 * replies, reviews and callbacks of every outcome, so that the current window, the one before (环比)
 * and the one a year earlier (同比) all hold data — and, for a year, the last two overlap.
 */
async function fourteenMonths(repo: CaseRepository, clock: FakeScheduler): Promise<CaseState[]> {
  const depts = ['CGJ', 'ZJJ', 'HBJ', 'WATER'];
  const cats = ['010101', '010201', '030101', '040101', '040201'];
  const sat = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
  const out: string[] = [];
  for (let i = 0; i < 30; i++) {
    const code = depts[i % depts.length]!;
    const r = await repo.register(
      demoIntake({
        categoryCode: cats[i % cats.length]!,
        address: { ...demoIntake().address, districtCode: i % 3 === 0 ? '330103' : '330102' },
      }),
      agent,
    );
    assert.ok(r.ok);
    const id = r.state.id;
    out.push(id);
    const run = async (cmd: Parameters<CaseRepository['execute']>[1], as: Actor) => {
      const x = await repo.execute(id, cmd, as);
      assert.ok(x.ok, x.ok ? '' : x.error.message);
      return x.state;
    };
    clock.advance(HOUR);
    const parties: { departmentId: string; role: 'lead' | 'co' }[] = [{ departmentId: ids.get(code)!, role: 'lead' }];
    if (i % 4 === 1) parties.push({ departmentId: ids.get('DC')!, role: 'co' as const });
    let s = await run({ type: 'dispatch', parties }, agent);
    const lead = s.parties[0]!;
    if (i % 7 === 3) {
      clock.advance(2 * HOUR);
      await run({ type: 'return', partyId: lead.id, reason: 'not_our_duty', note: '非本单位职责' }, dept(code));
      if (i % 2 === 1)
        await run({ type: 'arbitrate', partyId: lead.id, decision: 'reject' }, { ...agent, roles: ['supervisor'] });
    } else if (i % 5 !== 4) {
      // Late signing for every third case.
      clock.advance(i % 3 === 2 ? 4 * DAY : 2 * HOUR);
      s = await run({ type: 'sign', partyId: lead.id }, dept(code));
      if (i % 6 !== 5) {
        clock.advance((i % 4) * 3 * DAY + HOUR);
        await run({ type: 'reply', partyId: lead.id, content: '已处理' }, dept(code));
        const co = s.parties.find((p) => p.role === 'co');
        if (co) {
          await run({ type: 'sign', partyId: co.id }, dept('DC'));
          await run({ type: 'reply', partyId: co.id, content: '已配合' }, dept('DC'));
          await run({ type: 'review', partyId: co.id, accept: true }, agent);
        }
        clock.advance(2 * HOUR);
        await run({ type: 'review', partyId: lead.id, accept: true }, agent);
        if (i % 5 !== 2) {
          clock.advance(DAY);
          const reached = i % 8 !== 0;
          await run(
            reached
              ? { type: 'record_callback', reached, resolved: i % 3 !== 0, satisfaction: sat[i % 3]! }
              : { type: 'record_callback', reached },
            agent,
          );
        }
      }
    }
    clock.advance(14 * DAY - (clock.now() % DAY) + 3 * HOUR + (i % 5) * HOUR);
  }
  return (await Promise.all(out.map((id) => repo.rebuild(id)))) as CaseState[];
}

test('SQL metrics (one pass for all three windows) equal the log replay, windows holding data and overlapping', async () => {
  const clock = new FakeScheduler(cst('2025-09-01T09:00:00'));
  const repo = new CaseRepository(store, { clock });
  const states = await fourteenMonths(repo, clock);
  const ctx = await repo.context();
  for (const s of states) assert.deepEqual(s, await repo.get(s.id));
  const facts = { assignments: states.flatMap(assignmentFacts), rounds: states.flatMap(roundFacts) };
  const asOf = clock.now();
  const windows: Pick<MetricQuery, 'from' | 'to' | 'periodUnit'>[] = [
    // A year: 环比 and 同比 cover nearly the same rows.
    { from: cst('2026-04-01T00:00:00'), to: cst('2027-04-01T00:00:00'), periodUnit: 'month' },
    { from: asOf - 365 * DAY, to: asOf, periodUnit: 'month' },
    // A quarter and an odd span not aligned to days.
    { from: cst('2026-07-01T00:00:00'), to: cst('2026-10-01T00:00:00'), periodUnit: 'day' },
    { from: cst('2026-08-03T13:30:00'), to: cst('2026-09-14T02:00:00'), periodUnit: 'day' },
    { from: cst('2026-01-01T00:00:00'), to: cst('2027-01-01T00:00:00'), periodUnit: 'year' },
  ];
  let compared = 0;
  for (const w of windows) {
    for (const groupBy of ['department', 'category', 'region', 'period', 'none'] as const) {
      const q: MetricQuery = { ...w, groupBy, asOf };
      const expected = metricReport(facts, q, ctx.calendar);
      assert.deepEqual(await metricReportSql(repo.db, q, ctx.calendar), expected, `${groupBy} ${JSON.stringify(w)}`);
      compared += expected.length;
    }
  }
  // The comparison windows really held data: some 环比 and 同比 figures are numbers, not nulls.
  const year = metricReport(facts, { ...windows[1]!, groupBy: 'none', asOf }, ctx.calendar)[0]!;
  assert.ok(year.previous.returnRate.denominator > 0 && year.yearAgo.returnRate.denominator > 0);
  assert.ok(year.previous.callbackRate.denominator > 0);
  assert.ok(compared > 40, `only ${compared} rows compared`);
  // Filters by department and region.
  for (const extra of [{ departmentId: ids.get('CGJ')! }, { regionCode: '330103' }]) {
    const q: MetricQuery = { ...windows[0]!, groupBy: 'category', asOf, ...extra };
    assert.deepEqual(await metricReportSql(repo.db, q, ctx.calendar), metricReport(facts, q, ctx.calendar));
  }
});
