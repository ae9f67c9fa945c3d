import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeScheduler } from '@hotline/core';
import { replay } from './case-evolve.ts';
import { type DeadlineAlert, DeadlineMonitor, deadlineAlerts } from './deadline-alerts.ts';
import { CaseDriver, centerActor, demoIntake, deptActor, testContext } from './testing.ts';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const HOUR = 3_600_000;
const agent = centerActor('agent');
const supervisor = centerActor('supervisor');

function driver(start: string) {
  const clock = new FakeScheduler(cst(start));
  const ctx = testContext();
  return { clock, d: new CaseDriver(ctx, () => clock.now()), ctx };
}

test('a deadline across National Day: clocks per party, warnings and breach fire on the fake clock', async () => {
  const { clock, d, ctx } = driver('2026-09-30T10:00:00');
  d.run(
    { type: 'register', caseId: 'c1', number: '12319-20260930-0001', intake: demoIntake({ categoryCode: '010101' }) },
    agent,
  );
  assert.deepEqual(d.s.timeLimit, {
    sign: { unit: 'working_days', amount: 1 },
    finish: { unit: 'working_days', amount: 5 },
  });
  d.run({ type: 'dispatch', parties: [{ departmentId: deptActor('CGJ').departmentId!, role: 'lead' }] }, agent);
  const p = d.party('CGJ');
  assert.equal(d.s.status, 'dispatched');
  assert.equal(
    p.signDeadline,
    cst('2026-10-09T00:00:00'),
    'sign by the end of Thu 8 Oct (first working day after the break)',
  );
  assert.equal(
    p.finishDeadline,
    cst('2026-10-14T00:00:00'),
    'finish by the end of Tue 13 Oct, Sat 10 Oct (调休) counted',
  );

  const alerts: DeadlineAlert[] = [];
  const monitor = new DeadlineMonitor({
    scheduler: clock,
    source: async (since, now) => deadlineAlerts(d.s, since, now, ctx.rules),
    notify: async (a) => {
      alerts.push(...a);
    },
  });
  monitor.start(HOUR);
  for (let i = 0; i < 24 * 9; i++) {
    clock.advance(HOUR);
    await new Promise((r) => setImmediate(r));
  }
  // 9 days later (9 Oct 10:00): the sign clock warned and breached, the finish clock did neither yet.
  assert.deepEqual(
    alerts.map((a) => `${a.clock}:${a.level}`),
    ['sign:warning', 'sign:breach'],
  );
  assert.equal(alerts[1]!.at, cst('2026-10-09T00:00:00'));
  d.run({ type: 'sign', partyId: p.id }, deptActor('CGJ'));
  assert.equal(d.s.status, 'in_progress');
  assert.equal(d.party('CGJ').signedAt! > d.party('CGJ').signDeadline, true, 'signed late');
  for (let i = 0; i < 24 * 5; i++) {
    clock.advance(HOUR);
    await new Promise((r) => setImmediate(r));
  }
  await monitor.stop();
  assert.deepEqual(
    alerts.map((a) => `${a.clock}:${a.level}`),
    ['sign:warning', 'sign:breach', 'finish:warning', 'finish:breach'],
  );
  assert.equal(alerts[3]!.at, cst('2026-10-14T00:00:00'));
  assert.deepEqual(replay(d.log, ctx), d.s, 'state is exactly the fold of its log');
});

test('return → arbitration → re-dispatch; lead and co reply separately; re-dispatch down the chain within the parent deadline', () => {
  const { clock, d, ctx } = driver('2026-11-23T09:00:00');
  const cgj = deptActor('CGJ');
  const zjj = deptActor('ZJJ');
  d.run({ type: 'register', caseId: 'c2', number: '12319-20261123-0001', intake: demoIntake() }, agent);
  d.run(
    {
      type: 'dispatch',
      parties: [
        { departmentId: cgj.departmentId!, role: 'lead' },
        { departmentId: zjj.departmentId!, role: 'co' },
      ],
    },
    agent,
  );
  // 13 working days for noise (category 04): Tue 24 Nov … Thu 10 Dec.
  assert.equal(d.party('CGJ').finishDeadline, cst('2026-12-11T00:00:00'));
  // Ownership: ZJJ cannot sign CGJ's party; the center cannot sign for a department.
  assert.equal(d.try({ type: 'sign', partyId: d.party('CGJ').id }, zjj).ok, false);
  const r = d.try({ type: 'sign', partyId: d.party('CGJ').id }, agent);
  assert.equal(!r.ok && r.error.code, 'forbidden');

  clock.advance(HOUR);
  d.run({ type: 'sign', partyId: d.party('CGJ').id }, cgj);
  d.run({ type: 'return', partyId: d.party('ZJJ').id, reason: 'not_our_duty', note: '施工噪声属生态环境部门' }, zjj);
  assert.equal(d.s.status, 'returned');
  const denied = d.try({ type: 'arbitrate', partyId: d.party('ZJJ').id, decision: 'redispatch' }, agent);
  assert.equal(!denied.ok && denied.error.code, 'forbidden', 'agents do not arbitrate');
  const sthj = deptActor('HBJ');
  d.run(
    {
      type: 'arbitrate',
      partyId: d.party('ZJJ').id,
      decision: 'redispatch',
      departmentId: sthj.departmentId!,
      note: '改派生态环境局',
    },
    supervisor,
  );
  assert.equal(d.party('ZJJ').status, 'withdrawn');
  const sthjParty = d.party('HBJ');
  assert.equal(sthjParty.role, 'co');
  assert.equal(sthjParty.signClockStart, clock.now(), 'the new party gets fresh clocks');
  assert.equal(d.s.status, 'in_progress');

  // CGJ re-dispatches down to its district brigade, with a due date inside its own deadline.
  const brigade = deptActor('CGJ-DC');
  const tooLate = d.try(
    {
      type: 'redispatch_down',
      partyId: d.party('CGJ').id,
      departmentId: brigade.departmentId!,
      dueAt: cst('2026-12-12T00:00:00'),
    },
    cgj,
  );
  assert.equal(!tooLate.ok && tooLate.error.code, 'validation_failed');
  const sideways = d.try(
    { type: 'redispatch_down', partyId: d.party('CGJ').id, departmentId: deptActor('DC-HP').departmentId! },
    cgj,
  );
  assert.equal(!sideways.ok && sideways.error.code, 'forbidden', 'only down its own chain');
  d.run(
    {
      type: 'redispatch_down',
      partyId: d.party('CGJ').id,
      departmentId: brigade.departmentId!,
      dueAt: cst('2026-12-04T00:00:00'),
    },
    cgj,
  );
  assert.equal(d.party('CGJ').status, 'delegated');
  const child = d.party('CGJ-DC');
  assert.equal(child.finishDeadline, cst('2026-12-04T00:00:00'));
  assert.equal(child.parentPartyId, d.party('CGJ').id);
  // The child may not ask the center for an extension; its parent supervises it.
  d.run({ type: 'sign', partyId: child.id }, brigade);
  assert.equal(
    d.try(
      { type: 'request_extension', partyId: child.id, extra: { unit: 'working_days', amount: 2 }, reason: 'x' },
      brigade,
    ).ok,
    false,
  );
  d.run({ type: 'reply', partyId: child.id, content: '已责令停止夜间施工' }, brigade);
  assert.equal(
    d.try({ type: 'review', partyId: child.id, accept: true }, agent).ok,
    false,
    'the parent department reviews its child',
  );
  d.run({ type: 'review', partyId: child.id, accept: true }, cgj);
  assert.equal(d.party('CGJ').status, 'in_progress');
  d.run({ type: 'reply', partyId: d.party('CGJ').id, content: '经核查，已处理完毕' }, cgj);
  assert.equal(d.s.status, 'in_progress', 'the co-department is still working');
  d.run({ type: 'sign', partyId: sthjParty.id }, sthj);
  d.run({ type: 'reply', partyId: sthjParty.id, content: '已监测噪声并处罚' }, sthj);
  assert.equal(d.s.status, 'replied');
  d.run({ type: 'review', partyId: sthjParty.id, accept: false, note: '请补充处罚文书' }, agent);
  assert.equal(d.party('HBJ').status, 'in_progress');
  d.run(
    {
      type: 'reply',
      partyId: sthjParty.id,
      content: '补充：处罚决定书编号 2026-118',
      attachments: [
        {
          kind: 'file',
          name: '决定书.pdf',
          fileId: '7d3c2a51-0c1e-4d55-9b1e-2f6f1a0c9e01',
          size: 20480,
          contentType: 'application/pdf',
        },
      ],
    },
    sthj,
  );
  d.run({ type: 'review', partyId: d.party('CGJ').id, accept: true }, agent);
  d.run({ type: 'review', partyId: sthjParty.id, accept: true }, agent);
  assert.equal(d.s.status, 'reviewed');
  assert.equal(d.party('HBJ').finishedOnTime, true);
  d.run({ type: 'record_callback', reached: true, resolved: true, satisfaction: 'satisfied' }, agent);
  d.run({ type: 'close', reason: 'satisfied' }, agent);
  assert.equal(d.s.status, 'closed');
  assert.equal(d.try({ type: 'urge', note: 'x' }, agent).ok, false, 'closed cases refuse commands');
  assert.deepEqual(replay(d.log, ctx), d.s);
});

test('extension: requested before expiry, approved moves the deadline across the holiday, refused does not', () => {
  const { clock, d } = driver('2026-09-21T09:00:00');
  const cgj = deptActor('CGJ');
  d.run(
    { type: 'register', caseId: 'c3', number: '12319-20260921-0001', intake: demoIntake({ categoryCode: '010101' }) },
    agent,
  );
  d.run({ type: 'dispatch', parties: [{ departmentId: cgj.departmentId!, role: 'lead' }] }, agent);
  d.run({ type: 'sign', partyId: d.party('CGJ').id }, cgj);
  // 5 working days from Tue 22 Sep: 22, 23, 24, (25–27 Mid-autumn), 28, 29 → end of Tue 29 Sep.
  assert.equal(d.party('CGJ').finishDeadline, cst('2026-09-30T00:00:00'));
  d.run(
    {
      type: 'request_extension',
      partyId: d.party('CGJ').id,
      extra: { unit: 'working_days', amount: 3 },
      reason: '需协调产权单位',
    },
    cgj,
  );
  assert.equal(d.s.status, 'extension_requested');
  assert.equal(d.try({ type: 'decide_extension', requestId: d.s.extensions[0]!.id, approve: true }, cgj).ok, false);
  d.run({ type: 'decide_extension', requestId: d.s.extensions[0]!.id, approve: true, note: '同意' }, supervisor);
  // +3 working days after Tue 29 Sep: 30 Sep, (1–7 Oct off), 8 Oct, 9 Oct → end of Fri 9 Oct.
  assert.equal(d.party('CGJ').finishDeadline, cst('2026-10-10T00:00:00'));
  assert.equal(d.s.status, 'in_progress');
  d.run(
    {
      type: 'request_extension',
      partyId: d.party('CGJ').id,
      extra: { unit: 'working_days', amount: 5 },
      reason: '再延',
    },
    cgj,
  );
  d.run({ type: 'decide_extension', requestId: d.s.extensions[1]!.id, approve: false, note: '不同意' }, supervisor);
  assert.equal(d.party('CGJ').finishDeadline, cst('2026-10-10T00:00:00'));
  clock.advance(20 * 24 * HOUR);
  const late = d.try(
    {
      type: 'request_extension',
      partyId: d.party('CGJ').id,
      extra: { unit: 'hours', amount: 4 },
      reason: '过期后申请',
    },
    cgj,
  );
  assert.equal(!late.ok && late.error.code, 'illegal_transition', '延期 must be asked before expiry');
});

test('dissatisfied callback → reopen (重办) charged to the department → second round closes', () => {
  const { clock, d, ctx } = driver('2026-11-23T09:00:00');
  const sw = deptActor('WATER');
  d.run(
    {
      type: 'register',
      caseId: 'c4',
      number: '12319-20261123-0002',
      intake: demoIntake({ categoryCode: '030201', type: 'repair' }),
    },
    agent,
  );
  d.run({ type: 'dispatch', parties: [{ departmentId: sw.departmentId!, role: 'lead' }] }, agent);
  d.run({ type: 'sign', partyId: d.party('WATER').id }, sw);
  clock.advance(24 * HOUR);
  d.run({ type: 'reply', partyId: d.party('WATER').id, content: '已冲洗管道' }, sw);
  d.run({ type: 'review', partyId: d.party('WATER').id, accept: true }, agent);
  assert.equal(d.try({ type: 'close', reason: 'satisfied' }, agent).ok, false, 'no callback yet');
  d.run({ type: 'record_callback', reached: false }, agent);
  assert.equal(d.s.status, 'callback');
  assert.equal(d.try({ type: 'close', reason: 'unreachable' }, agent).ok, false, 'one attempt is not enough');
  d.run(
    { type: 'record_callback', reached: true, resolved: false, satisfaction: 'dissatisfied', note: '仍有黄水' },
    agent,
  );
  assert.equal(d.try({ type: 'close', reason: 'satisfied' }, agent).ok, false);
  const round1 = d.party('WATER', 1);
  d.run({ type: 'reopen', chargedPartyId: round1.id, reason: '回访不满意：仍有黄水' }, agent);
  assert.equal(d.s.status, 'reopened');
  assert.equal(d.s.round, 2);
  const round2 = d.party('WATER', 2);
  assert.notEqual(round2.id, round1.id);
  assert.equal(round2.dispatchedAt, clock.now(), 'the new round gets its own clocks');
  d.run({ type: 'sign', partyId: round2.id }, sw);
  d.run({ type: 'reply', partyId: round2.id, content: '更换入户管' }, sw);
  d.run({ type: 'review', partyId: round2.id, accept: true }, agent);
  d.run({ type: 'record_callback', reached: true, resolved: true, satisfaction: 'basically_satisfied' }, agent);
  d.run({ type: 'close', reason: 'satisfied' }, agent);
  assert.equal(d.s.status, 'closed');
  assert.deepEqual(replay(d.log, ctx), d.s);
});

test('direct answer closes without dispatch; urge/supervise/instruction are notices, not states', () => {
  const { d } = driver('2026-11-23T09:00:00');
  d.run(
    {
      type: 'register',
      caseId: 'c5',
      number: '12319-20261123-0003',
      intake: demoIntake({ type: 'consultation', categoryCode: '060101' }),
    },
    agent,
  );
  d.run({ type: 'urge', note: '请尽快' }, agent);
  d.run({ type: 'supervise', note: '督办' }, centerActor('leader'));
  d.run({ type: 'instruct', text: '请认真答复' }, centerActor('leader'));
  assert.equal(d.try({ type: 'instruct', text: 'x' }, agent).ok, false, 'only leaders give instructions');
  assert.equal(d.s.status, 'registered');
  assert.deepEqual(
    d.s.notices.map((n) => n.kind),
    ['urge', 'supervise', 'instruction'],
  );
  d.run({ type: 'answer_directly', answer: '依据《城市管理执法办法》第十条……' }, agent);
  d.run({ type: 'close', reason: 'answered' }, agent);
  assert.equal(d.s.status, 'closed');
});

test('fallback (兜底) to the district of the address; hostile input is refused without throwing', () => {
  const { d } = driver('2026-11-23T09:00:00');
  const cgj = deptActor('CGJ');
  const bad = d.try(
    { type: 'register', caseId: 'c6', number: 'n', intake: demoIntake({ categoryCode: '999999', description: '' }) },
    agent,
  );
  assert.equal(!bad.ok && bad.error.code, 'validation_failed');
  d.run({ type: 'register', caseId: 'c6', number: '12319-20261123-0004', intake: demoIntake() }, agent);
  assert.equal(d.try({ type: 'dispatch', parties: [] }, agent).ok, false);
  assert.equal(
    d.try({ type: 'dispatch', parties: [{ departmentId: cgj.departmentId!, role: 'co' }] }, agent).ok,
    false,
    'a lead is required',
  );
  assert.equal(d.try({ type: 'dispatch', parties: [{ departmentId: 'nope', role: 'lead' }] }, agent).ok, false);
  d.run({ type: 'dispatch', parties: [{ departmentId: cgj.departmentId!, role: 'lead' }] }, agent);
  assert.equal(
    d.try({ type: 'return', partyId: d.party('CGJ').id, reason: 'bogus' as 'other', note: 'x' }, cgj).ok,
    false,
  );
  d.run({ type: 'return', partyId: d.party('CGJ').id, reason: 'not_our_area', note: '非本辖区' }, cgj);
  d.run({ type: 'arbitrate', partyId: d.party('CGJ').id, decision: 'fallback' }, supervisor);
  const fb = d.party('DC');
  assert.equal(fb.fallback, true);
  assert.equal(fb.role, 'lead');
  assert.equal(d.s.status, 'dispatched');
});
