import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from './actor.ts';
import type { CaseCommand } from './case-commands.ts';
import { replay } from './case-evolve.ts';
import type { CaseState } from './case-model.ts';
import { demoDepartment } from './demo-catalog.ts';
import { assignmentFacts, computeMetrics, METRIC_FORMULAS, type MetricSet, roundFacts } from './metrics.ts';
import { metricReport, shiftYears } from './metrics-report.ts';
import { CaseDriver, centerActor, demoIntake, deptActor, testContext } from './testing.ts';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const agent = centerActor('agent');
const supervisor = centerActor('supervisor');
const CGJ = deptActor('CGJ');
const ZJJ = deptActor('ZJJ');

/** Builds a case from (local time, command, actor) steps, then rebuilds it from its log only. */
function build(
  ctx: ReturnType<typeof testContext>,
  id: string,
  steps: [string, (d: CaseDriver) => CaseCommand, Actor][],
): CaseState {
  let now = 0;
  const d = new CaseDriver(ctx, () => now);
  for (const [at, cmd, actor] of steps) {
    now = cst(at);
    d.run(cmd(d), actor);
  }
  void id;
  return replay(d.log, ctx);
}

const reg = (id: string) => (): CaseCommand => ({
  type: 'register',
  caseId: id,
  number: id,
  intake: demoIntake({ categoryCode: '010101' }),
});
const lead = (a: Actor) => (): CaseCommand => ({
  type: 'dispatch',
  parties: [{ departmentId: a.departmentId!, role: 'lead' }],
});
const sign =
  (code: string, round?: number) =>
  (d: CaseDriver): CaseCommand => ({ type: 'sign', partyId: d.party(code, round).id });
const reply =
  (code: string, round?: number) =>
  (d: CaseDriver): CaseCommand => ({ type: 'reply', partyId: d.party(code, round).id, content: '已处理' });
const accept =
  (code: string, round?: number) =>
  (d: CaseDriver): CaseCommand => ({ type: 'review', partyId: d.party(code, round).id, accept: true });

function fixture() {
  const ctx = testContext();
  const cases = [
    // A: on time everywhere, satisfied.
    build(ctx, 'A', [
      ['2026-11-02T09:00:00', reg('A'), agent],
      ['2026-11-02T09:05:00', lead(CGJ), agent],
      ['2026-11-02T10:00:00', sign('CGJ'), CGJ],
      ['2026-11-05T10:00:00', reply('CGJ'), CGJ],
      ['2026-11-05T11:00:00', accept('CGJ'), agent],
      [
        '2026-11-06T10:00:00',
        () => ({ type: 'record_callback', reached: true, resolved: true, satisfaction: 'satisfied' }),
        agent,
      ],
      ['2026-11-06T10:05:00', () => ({ type: 'close', reason: 'satisfied' }), agent],
    ]),
    // B: signed late, finished late, dissatisfied → reopen; round 2 on time and basically satisfied.
    build(ctx, 'B', [
      ['2026-11-02T09:00:00', reg('B'), agent],
      ['2026-11-02T09:05:00', lead(CGJ), agent],
      ['2026-11-04T09:00:00', sign('CGJ'), CGJ],
      ['2026-11-12T09:00:00', reply('CGJ'), CGJ],
      ['2026-11-12T10:00:00', accept('CGJ'), agent],
      [
        '2026-11-13T09:00:00',
        () => ({ type: 'record_callback', reached: true, resolved: false, satisfaction: 'dissatisfied' }),
        agent,
      ],
      [
        '2026-11-13T09:05:00',
        (d) => ({ type: 'reopen', chargedPartyId: d.party('CGJ', 1).id, reason: '不满意' }),
        agent,
      ],
      ['2026-11-13T10:00:00', sign('CGJ', 2), CGJ],
      ['2026-11-16T10:00:00', reply('CGJ', 2), CGJ],
      ['2026-11-16T11:00:00', accept('CGJ', 2), agent],
      [
        '2026-11-17T09:00:00',
        () => ({ type: 'record_callback', reached: true, resolved: true, satisfaction: 'basically_satisfied' }),
        agent,
      ],
    ]),
    // C: ZJJ returns, re-dispatched to CGJ which signs but never replies (overdue at asOf).
    build(ctx, 'C', [
      ['2026-11-02T09:00:00', reg('C'), agent],
      ['2026-11-02T09:05:00', lead(ZJJ), agent],
      [
        '2026-11-02T15:00:00',
        (d) => ({ type: 'return', partyId: d.party('ZJJ').id, reason: 'not_our_duty', note: '非本单位职责' }),
        ZJJ,
      ],
      [
        '2026-11-03T09:00:00',
        (d) => ({
          type: 'arbitrate',
          partyId: d.party('ZJJ').id,
          decision: 'redispatch',
          departmentId: CGJ.departmentId!,
        }),
        supervisor,
      ],
      ['2026-11-03T10:00:00', sign('CGJ'), CGJ],
    ]),
    // D: dispatched to CGJ on Fri 20 Nov, never signed.
    build(ctx, 'D', [
      ['2026-11-20T09:00:00', reg('D'), agent],
      ['2026-11-20T09:05:00', lead(CGJ), agent],
    ]),
    // E (previous period): on time, callback never reached.
    build(ctx, 'E', [
      ['2026-10-12T09:00:00', reg('E'), agent],
      ['2026-10-12T09:05:00', lead(CGJ), agent],
      ['2026-10-12T10:00:00', sign('CGJ'), CGJ],
      ['2026-10-14T10:00:00', reply('CGJ'), CGJ],
      ['2026-10-14T11:00:00', accept('CGJ'), agent],
      ['2026-10-15T10:00:00', () => ({ type: 'record_callback', reached: false }), agent],
    ]),
    // F (a year earlier): signed late, never finished.
    build(ctx, 'F', [
      ['2025-11-10T09:00:00', reg('F'), agent],
      ['2025-11-10T09:05:00', lead(CGJ), agent],
      ['2025-11-13T09:00:00', sign('CGJ'), CGJ],
    ]),
  ];
  return { ctx, facts: { assignments: cases.flatMap(assignmentFacts), rounds: cases.flatMap(roundFacts) } };
}

const rates = (m: MetricSet) =>
  Object.fromEntries(Object.entries(m).map(([k, r]) => [k, `${r.numerator}/${r.denominator}`]));

test('metrics recomputed from the event log equal hand-calculated values, with 环比 and 同比', () => {
  const { ctx, facts } = fixture();
  const rows = metricReport(
    facts,
    {
      from: cst('2026-11-01T00:00:00'),
      to: cst('2026-12-01T00:00:00'),
      groupBy: 'department',
      asOf: cst('2026-12-20T00:00:00'),
    },
    ctx.calendar,
  );
  const cgj = rows.find((r) => r.key === demoDepartment('CGJ').id)!;
  const zjj = rows.find((r) => r.key === demoDepartment('ZJJ').id)!;
  // CGJ in November: assignments A, B round 1, B round 2, C (after re-dispatch), D.
  assert.deepEqual(rates(cgj.current), {
    timelySign: '3/5', // A, B2, C on time; B late; D never signed and past due
    onTimeFinish: '2/4', // A, B2 on time; B late; C overdue and open; D unsigned → excluded
    returnRate: '0/5',
    callbackRate: '3/3', // reviewed rounds A, B1, B2 all reached
    satisfactionRate: '2/3', // satisfied + basically satisfied; B1 dissatisfied
    resolutionRate: '2/3',
  });
  assert.equal(cgj.current.timelySign.rate, 0.6);
  assert.deepEqual(rates(zjj.current), {
    timelySign: '0/0', // returned and withdrawn before its sign deadline: not counted
    onTimeFinish: '0/0',
    returnRate: '1/1',
    callbackRate: '0/0',
    satisfactionRate: '0/0',
    resolutionRate: '0/0',
  });
  assert.equal(zjj.current.timelySign.rate, null);
  // 环比: the 30 days before 1 Nov hold case E.
  assert.deepEqual(rates(cgj.previous), {
    timelySign: '1/1',
    onTimeFinish: '1/1',
    returnRate: '0/1',
    callbackRate: '0/1',
    satisfactionRate: '0/0',
    resolutionRate: '0/0',
  });
  // 同比: November 2025 holds case F.
  assert.deepEqual(rates(cgj.yearAgo), {
    timelySign: '0/1',
    onTimeFinish: '0/1',
    returnRate: '0/1',
    callbackRate: '0/0',
    satisfactionRate: '0/0',
    resolutionRate: '0/0',
  });
});

test('grouping by period, region and category sums to the ungrouped figures', () => {
  const { ctx, facts } = fixture();
  const q = { from: cst('2026-10-01T00:00:00'), to: cst('2026-12-01T00:00:00'), asOf: cst('2026-12-20T00:00:00') };
  const all = metricReport(facts, { ...q, groupBy: 'none' }, ctx.calendar)[0]!;
  const byMonth = metricReport(facts, { ...q, groupBy: 'period', periodUnit: 'month' }, ctx.calendar);
  assert.deepEqual(
    byMonth.map((r) => r.key),
    ['2026-10', '2026-11'],
  );
  for (const name of Object.keys(METRIC_FORMULAS) as (keyof MetricSet)[]) {
    assert.equal(
      byMonth.reduce((n, r) => n + r.current[name].denominator, 0),
      all.current[name].denominator,
      name,
    );
  }
  const byRegion = metricReport(facts, { ...q, groupBy: 'region' }, ctx.calendar);
  assert.deepEqual(
    byRegion.map((r) => r.key),
    ['330102'],
  );
  const byTop = metricReport(facts, { ...q, groupBy: 'category', categoryKey: (c) => c.slice(0, 2) }, ctx.calendar);
  assert.deepEqual(rates(byTop[0]!.current), rates(all.current));
  assert.equal(byTop[0]!.key, '01');
});

test('each metric carries its formula; empty input gives null rates, not NaN', () => {
  for (const f of Object.values(METRIC_FORMULAS)) assert.ok(f.zh && f.en && f.formula.includes('÷'));
  const m = computeMetrics([], [], 0);
  assert.equal(m.onTimeFinish.rate, null);
  const ctx = testContext();
  assert.equal(shiftYears(ctx.calendar, cst('2028-02-29T12:00:00'), -1), cst('2027-02-28T12:00:00'));
});
