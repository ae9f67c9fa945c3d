import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addDays, seedCaseCatalog } from '@hotline/cases';
import { type Client, type Harness, loginDemo, startHarness } from '../../../test/harness.ts';
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

type Category = { code: string; active: boolean; name: string; timeLimits: Record<string, unknown> };
const audit = (action: string) =>
  h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

const intake = (categoryCode: string, urgency = 'urgent') => ({
  type: 'repair',
  categoryCode,
  urgency,
  caller: { name: '王先生', phone: '13900001111' },
  address: { text: '东城区和平路2号', districtCode: '330102' },
  description: '消火栓漏水',
});

test('admins edit the category tree: codes extend the parent, three levels, time limits per urgency — audited and live at once', async () => {
  const limits = {
    urgent: { sign: { unit: 'hours', amount: 2 }, finish: { unit: 'working_days', amount: 1 } },
    normal: { sign: { unit: 'working_days', amount: 1 }, finish: { unit: 'working_days', amount: 3 } },
  };
  const created = await admin.request('POST', '/api/v1/admin/case-categories', {
    code: '030299',
    parentCode: '0302',
    name: '消火栓漏水',
    nameEn: 'Hydrant leak',
    keywords: ['消火栓', '漏水'],
    timeLimits: limits,
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.equal((created.json as { category: Category }).category.active, true);

  // Every repository of the process sees it: the case routes register with its time limit…
  const c = await agent.request('POST', '/api/v1/cases', intake('030299'));
  assert.equal(c.status, 201, JSON.stringify(c.json));
  assert.deepEqual((c.json as { case: { timeLimit: unknown } }).case.timeLimit, limits.urgent);
  // …and Open311 (its own repository) lists it as a service.
  const services = await h.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
  assert.ok((services.json() as { service_code: string }[]).some((s) => s.service_code === '030299'));

  const bad: [unknown, number, RegExp][] = [
    [{ code: '030299', parentCode: '0302', name: 'x' }, 409, /exists/],
    [{ code: '040299', parentCode: '0302', name: 'x' }, 400, /extend the parent/],
    [{ code: '03029901', parentCode: '030299', name: 'x' }, 400, /deeper than 3/],
    [{ code: '9901', parentCode: '99', name: 'x' }, 400, /unknown parent/],
    [
      { code: '030298', parentCode: '0302', name: 'x', timeLimits: { urgent: { sign: { unit: 'hours', amount: 0 } } } },
      400,
      /timeLimits/,
    ],
    [{ code: '030298', parentCode: '0302', name: 'x', timeLimits: { soon: {} } }, 400, /soon|unrecognized/i],
    [{ code: "03'; drop", parentCode: null, name: 'x' }, 400, /code/],
  ];
  for (const [body, status, message] of bad) {
    const r = await admin.request('POST', '/api/v1/admin/case-categories', body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.match(JSON.stringify(r.json), message);
  }
  assert.equal(
    (
      await supervisor.request('POST', '/api/v1/admin/case-categories', {
        code: '030297',
        parentCode: '0302',
        name: 'x',
      })
    ).status,
    403,
  );

  // Rename, change the urgent limit, then retire it: new cases may no longer use it; old ones keep theirs.
  const patched = await admin.request('PATCH', '/api/v1/admin/case-categories/030299', {
    name: '消火栓损坏漏水',
    timeLimits: { urgent: { sign: { unit: 'hours', amount: 1 }, finish: { unit: 'hours', amount: 12 } } },
  });
  assert.equal(patched.status, 200, JSON.stringify(patched.json));
  const c2 = await agent.request('POST', '/api/v1/cases', intake('030299'));
  assert.deepEqual((c2.json as { case: { timeLimit: unknown } }).case.timeLimit, {
    sign: { unit: 'hours', amount: 1 },
    finish: { unit: 'hours', amount: 12 },
  });
  const first = await agent.request('GET', `/api/v1/cases/${(c.json as { case: { id: string } }).case.id}`);
  assert.deepEqual(
    (first.json as { case: { timeLimit: unknown } }).case.timeLimit,
    limits.urgent,
    'registered cases keep theirs',
  );
  assert.equal((await admin.request('PATCH', '/api/v1/admin/case-categories/030299', { active: false })).status, 200);
  const refused = await agent.request('POST', '/api/v1/cases', intake('030299'));
  assert.equal(refused.status, 400);
  assert.match(JSON.stringify(refused.json), /inactive/);
  assert.equal((await admin.request('PATCH', '/api/v1/admin/case-categories/999999', { active: false })).status, 404);
  assert.equal((await admin.request('PATCH', '/api/v1/admin/case-categories/030299', {})).status, 400);
  assert.equal(
    (await admin.request('PATCH', '/api/v1/admin/case-categories/030299', { parentCode: '01' })).status,
    400,
    'the parent is fixed',
  );

  const list = (await admin.request('GET', '/api/v1/admin/case-categories')).json as { categories: Category[] };
  const mine = list.categories.find((x) => x.code === '030299')!;
  assert.equal(mine.active, false, 'inactive categories are listed for admins');
  assert.equal(mine.name, '消火栓损坏漏水');

  const creates = await audit('case_category.create');
  assert.equal(creates.length, 1);
  const updates = await audit('case_category.update');
  assert.equal(updates.length, 2);
  assert.equal((updates[0]!.before as Category).name, '消火栓漏水');
  assert.equal((updates[0]!.after as Category).name, '消火栓损坏漏水');
  assert.equal((updates[1]!.before as Category).active, true);
  assert.equal((updates[1]!.after as Category).active, false);
  assert.ok(updates.every((u) => u.actor_name && u.target_id === '030299'));
});

test('admins override the calendar (holiday / make-up working day): open deadlines move at once, audited, and replay agrees', async () => {
  const repo = casesRepository({ store: h.store, config: loadConfig({}, '/tmp/x'), clock: h.clock });
  const cal0 = (await repo.context()).calendar;
  const c = await agent.request('POST', '/api/v1/cases', intake('030201', 'normal'));
  const id = (c.json as { case: { id: string } }).case.id;
  const d = await agent.request('POST', `/api/v1/cases/${id}/commands`, {
    type: 'dispatch',
    parties: [{ departmentId: ids.get('WATER'), role: 'lead' }],
  });
  assert.equal(d.status, 200, JSON.stringify(d.json));
  type Party = { signDeadline: number; finishDeadline: number };
  const party0 = (d.json as { case: { parties: Party[] } }).case.parties[0]!;
  // Signing counts working days from the next day: the first of them becomes a holiday.
  const firstDay = cal0.nextWorkday(cal0.localDate(h.clock.now()));
  const put = await admin.request('PUT', `/api/v1/admin/case-calendar/${firstDay}`, {
    kind: 'holiday',
    name: '防汛停工',
  });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  const changed = put.json as { refreshed: number; day: { workday: boolean; source: string; name: string } };
  assert.ok(changed.refreshed >= 1);
  assert.deepEqual(changed.day, { date: firstDay, workday: false, source: 'override', name: '防汛停工' });
  const cal1 = (await repo.context()).calendar;
  const seen = (await agent.request('GET', `/api/v1/cases/${id}`)).json as { case: { parties: Party[] } };
  const party1 = seen.case.parties[0]!;
  assert.ok(party1.signDeadline > party0.signDeadline, 'the sign deadline moved later');
  assert.equal(party1.signDeadline, cal1.endOfDay(cal1.localDate(party1.signDeadline - 1)));
  assert.ok(party1.finishDeadline > party0.finishDeadline);
  const row = await h.store.db
    .withTables<{ case_parties: { case_id: string; sign_deadline: Date } }>()
    .selectFrom('case_parties')
    .select('sign_deadline')
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(new Date(row.sign_deadline).getTime(), party1.signDeadline, 'queues and alerts see it too');
  assert.deepEqual(await repo.rebuild(id), await repo.get(id), 'a replay with the new calendar gives the same state');

  // A make-up working day (调休) on a weekend, listed with the year's statutory days.
  const year = Number(firstDay.slice(0, 4));
  let weekend = `${year}-12-31`;
  while (cal1.dayInfo(weekend).source !== 'weekend') weekend = addDays(weekend, -1);
  assert.equal((await admin.request('PUT', `/api/v1/admin/case-calendar/${weekend}`, { kind: 'workday' })).status, 200);
  const y = (await admin.request('GET', `/api/v1/admin/case-calendar?year=${year}`)).json as {
    statutoryCovered: boolean;
    overrides: { date: string; kind: string }[];
    days: { date: string; source: string; workday: boolean }[];
  };
  assert.deepEqual(
    y.overrides.map((o) => `${o.date}:${o.kind}`),
    [`${firstDay}:holiday`, `${weekend}:workday`].sort(),
  );
  assert.ok(y.days.some((x) => x.date === weekend && x.workday && x.source === 'override'));
  const y2026 = (await admin.request('GET', '/api/v1/admin/case-calendar?year=2026')).json as typeof y;
  assert.equal(y2026.statutoryCovered, true);
  assert.ok(
    y2026.days.some((x) => x.date === '2026-10-01' && !x.workday && x.source === 'statutory'),
    '国庆',
  );
  assert.ok(
    y2026.days.some((x) => x.date === '2026-10-10' && x.workday && x.source === 'statutory'),
    '调休',
  );

  // Removing the holiday puts the deadline back.
  const del = await admin.request('DELETE', `/api/v1/admin/case-calendar/${firstDay}`);
  assert.equal(del.status, 200, JSON.stringify(del.json));
  const back = (await agent.request('GET', `/api/v1/cases/${id}`)).json as { case: { parties: Party[] } };
  assert.equal(back.case.parties[0]!.signDeadline, party0.signDeadline);
  assert.equal(back.case.parties[0]!.finishDeadline, party0.finishDeadline);
  assert.equal((await admin.request('DELETE', `/api/v1/admin/case-calendar/${firstDay}`)).status, 404);
  for (const date of ['2026-02-30', '26-1-1', 'x']) {
    assert.equal(
      (await admin.request('PUT', `/api/v1/admin/case-calendar/${date}`, { kind: 'holiday' })).status,
      400,
      date,
    );
  }
  assert.equal(
    (await admin.request('PUT', `/api/v1/admin/case-calendar/${firstDay}`, { kind: 'day-off' })).status,
    400,
  );
  assert.equal(
    (await supervisor.request('PUT', `/api/v1/admin/case-calendar/${firstDay}`, { kind: 'holiday' })).status,
    403,
  );

  const sets = await audit('case_calendar.set');
  assert.deepEqual(
    sets.map((a) => a.target_id),
    [firstDay, weekend],
  );
  assert.deepEqual(sets[0]!.after, { kind: 'holiday', name: '防汛停工' });
  const dels = await audit('case_calendar.delete');
  assert.equal(dels.length, 1);
  assert.deepEqual(dels[0]!.before, { kind: 'holiday', name: '防汛停工' });
});
