import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, deadlineFrom, seedCaseCatalog } from '@hotline/cases';
import {
  type Client,
  dispatchedCase,
  type Harness,
  loginDemo,
  type Party,
  startHarness,
} from '../../../test/harness.ts';
import { loadConfig } from '../../config.ts';
import { casesRepository } from './cases-repository.ts';

let h: Harness;
let ids: Map<string, string>;
let admin: Client;
let agent: Client;
let supervisor: Client;

before(async () => {
  h = await startHarness();
  ids = await seedCaseCatalog(h.store);
  ({ admin, agent, supervisor } = await loginDemo(h.app, 'admin', 'agent', 'supervisor'));
});
after(async () => h.close());

const repo = () => casesRepository({ store: h.store, config: loadConfig({}, '/tmp/x'), clock: h.clock });
const audit = (action: string) =>
  h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
const partyOf = async (id: string) =>
  ((await agent.request('GET', `/api/v1/cases/${id}`)).json as { case: { parties: Party[] } }).case.parties[0]!;

test('a holiday range (a whole 春节 of a year without statutory data) is entered in one action, audited per date', async () => {
  const put = await admin.request('PUT', '/api/v1/admin/case-calendar/range', {
    from: '2027-02-05',
    to: '2027-02-13',
    kind: 'holiday',
    name: '春节',
  });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  const r = put.json as { dates: string[]; refreshed: number };
  assert.equal(r.dates.length, 9);
  assert.equal(r.dates[0], '2027-02-05');
  assert.equal(r.dates.at(-1), '2027-02-13');

  type Year = {
    statutoryCovered: boolean;
    overrides: { date: string; kind: string; name: string | null }[];
    days: { date: string; workday: boolean; source: string; name: string | null }[];
  };
  const y = (await supervisor.request('GET', '/api/v1/admin/case-calendar?year=2027')).json as Year;
  assert.equal(y.statutoryCovered, false, 'chinese-days 1.5.7 has no 2027 data');
  assert.equal(y.overrides.length, 9);
  assert.ok(y.days.every((d) => d.source === 'override' && !d.workday && d.name === '春节'));
  // A make-up working day inside the range replaces that date's holiday (the later edit wins).
  const sat = await admin.request('PUT', '/api/v1/admin/case-calendar/range', {
    from: '2027-02-13',
    to: '2027-02-13',
    kind: 'workday',
    name: '春节调休',
  });
  assert.equal(sat.status, 200, JSON.stringify(sat.json));
  const y2 = (await admin.request('GET', '/api/v1/admin/case-calendar?year=2027')).json as Year;
  assert.deepEqual(y2.days.at(-1), { date: '2027-02-13', workday: true, source: 'override', name: '春节调休' });

  const sets = (await audit('case_calendar.set')).filter((a) => a.target_id?.startsWith('2027-02'));
  assert.equal(sets.length, 10);
  assert.deepEqual(sets.at(-1)!.before, { kind: 'holiday', name: '春节' });
  assert.deepEqual(sets.at(-1)!.after, { kind: 'workday', name: '春节调休' });

  const bad: [unknown, RegExp][] = [
    [{ from: '2027-02-13', to: '2027-02-05', kind: 'holiday' }, /before from/],
    [{ from: '2027-01-01', to: '2027-02-01', kind: 'holiday' }, /at most 31/],
    [{ from: '2027-02-30', to: '2027-03-01', kind: 'holiday' }, /from: not a calendar date/],
    [{ from: '2027-02-01', to: 'x', kind: 'holiday' }, /to: not a calendar date/],
    [{ from: '2027-02-01', to: '2027-02-02', kind: 'day-off' }, /kind/],
    [{ from: '2027-02-01', to: '2027-02-02', kind: 'holiday', extra: 1 }, /extra|unrecognized/i],
  ];
  for (const [body, message] of bad) {
    const res = await admin.request('PUT', '/api/v1/admin/case-calendar/range', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match(JSON.stringify(res.json), message);
  }
  const denied = await supervisor.request('PUT', '/api/v1/admin/case-calendar/range', {
    from: '2027-03-01',
    to: '2027-03-02',
    kind: 'holiday',
  });
  assert.equal(denied.status, 403);
  const after = (await admin.request('GET', '/api/v1/admin/case-calendar?year=2027')).json as Year;
  assert.equal(after.overrides.length, 9, 'refused edits changed nothing');

  // Clearing the range removes every override in it (dates without one are skipped).
  const cleared = await admin.request('DELETE', '/api/v1/admin/case-calendar/range?from=2027-02-01&to=2027-02-28');
  assert.equal(cleared.status, 200, JSON.stringify(cleared.json));
  assert.equal((cleared.json as { dates: string[] }).dates.length, 9);
  assert.equal(((await admin.request('GET', '/api/v1/admin/case-calendar?year=2027')).json as Year).days.length, 0);
  const dels = (await audit('case_calendar.delete')).filter((a) => a.target_id?.startsWith('2027-02'));
  assert.equal(dels.length, 9);
  const again = await admin.request('DELETE', '/api/v1/admin/case-calendar/range?from=2027-02-01&to=2027-02-28');
  assert.deepEqual(again.json, { dates: [], refreshed: 0 });
  assert.equal(
    (await admin.request('DELETE', '/api/v1/admin/case-calendar/range?from=2027-02-28&to=2027-02-01')).status,
    400,
  );
});

test("a holiday range over an open case's clock moves its deadlines; clearing it puts them back", async () => {
  const { id, party } = await dispatchedCase(agent, ids.get('WATER'), { urgency: 'normal' });
  const cal = (await repo().context()).calendar;
  const first = cal.nextWorkday(cal.localDate(h.clock.now()));
  const put = await admin.request('PUT', '/api/v1/admin/case-calendar/range', {
    from: first,
    to: addDays(first, 2),
    kind: 'holiday',
    name: '防汛停工',
  });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  assert.ok((put.json as { refreshed: number }).refreshed >= 1);
  const moved = await partyOf(id);
  assert.ok(moved.signDeadline > party.signDeadline);
  assert.ok(moved.finishDeadline > party.finishDeadline);
  assert.deepEqual(await repo().rebuild(id), await repo().get(id), 'replay agrees');
  const del = await admin.request('DELETE', `/api/v1/admin/case-calendar/range?from=${first}&to=${addDays(first, 2)}`);
  assert.equal(del.status, 200, JSON.stringify(del.json));
  const back = await partyOf(id);
  assert.equal(back.signDeadline, party.signDeadline);
  assert.equal(back.finishDeadline, party.finishDeadline);
});

test('the 自次日起算 rule is configurable: turning it off counts from the dispatch day, moves open deadlines, audited', async () => {
  // Make today a working day whatever the weekday, so the two rules give different deadlines.
  const today = (await repo().context()).calendar.localDate(h.clock.now());
  assert.equal((await admin.request('PUT', `/api/v1/admin/case-calendar/${today}`, { kind: 'workday' })).status, 200);
  const { id, party } = await dispatchedCase(agent, ids.get('WATER'), { urgency: 'normal' });

  type Rules = { rules: { countFromNextDay: boolean; warnShare: number }; defaults: object; refreshed: number };
  const read = await supervisor.request('GET', '/api/v1/admin/case-clock-rules');
  assert.equal(read.status, 200);
  assert.equal((read.json as Rules).rules.countFromNextDay, true);
  assert.ok('normal' in (read.json as Rules).defaults);

  const off = await admin.request('PUT', '/api/v1/admin/case-clock-rules', { countFromNextDay: false });
  assert.equal(off.status, 200, JSON.stringify(off.json));
  assert.equal((off.json as Rules).rules.countFromNextDay, false);
  assert.ok((off.json as Rules).refreshed >= 1);
  const ctx = await repo().context();
  assert.equal(ctx.rules.countFromNextDay, false, 'every repository of the process reloads');
  const moved = await partyOf(id);
  assert.equal(moved.signDeadline, ctx.calendar.endOfDay(today), 'day 1 is the dispatch day itself');
  assert.ok(moved.signDeadline < party.signDeadline);
  const c = (await agent.request('GET', `/api/v1/cases/${id}`)).json as { case: { timeLimit: { finish: never } } };
  assert.equal(
    moved.finishDeadline,
    deadlineFrom(ctx.calendar, party.dispatchedAt, c.case.timeLimit.finish, ctx.rules),
  );
  assert.deepEqual(await repo().rebuild(id), await repo().get(id), 'replay agrees');

  const same = await admin.request('PUT', '/api/v1/admin/case-clock-rules', { countFromNextDay: false });
  assert.equal((same.json as Rules).refreshed, 0);
  for (const body of [{}, { countFromNextDay: 'yes' }, { countFromNextDay: true, warnShare: 0.5 }]) {
    assert.equal(
      (await admin.request('PUT', '/api/v1/admin/case-clock-rules', body)).status,
      400,
      JSON.stringify(body),
    );
  }
  assert.equal(
    (await supervisor.request('PUT', '/api/v1/admin/case-clock-rules', { countFromNextDay: true })).status,
    403,
  );
  assert.equal((await admin.request('PUT', '/api/v1/admin/case-clock-rules', { countFromNextDay: true })).status, 200);
  assert.equal((await partyOf(id)).signDeadline, party.signDeadline, 'back to the next-day rule');

  const rows = await audit('case_clock_rules.set');
  assert.deepEqual(
    rows.map((r) => [r.before, r.after]),
    [
      [{ countFromNextDay: true }, { countFromNextDay: false }],
      [{ countFromNextDay: false }, { countFromNextDay: false }],
      [{ countFromNextDay: false }, { countFromNextDay: true }],
    ],
  );
});
