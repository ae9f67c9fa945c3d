import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedCaseCatalog } from '@hotline/cases';
import { type Client, dispatchedCase, type Harness, login, startHarness } from '../test/harness.ts';
import { type CaseAlerts, startCaseAlerts } from './cases-alerts.ts';
import { loadConfig } from './config.ts';
import { casesRepository } from './http/routes/cases-repository.ts';
import { createLogger } from './log.ts';

const HOUR = 3_600_000;
let h: Harness;
let ids: Map<string, string>;
let agent: Client;
const PASSWORDS: Record<string, string> = {
  agent1: 'hotline-agent',
  water: 'hotline-dept',
  dongcheng: 'hotline-dept',
  banzhang: 'hotline-super',
  leader: 'hotline-leader',
};
/** Sessions expire as the fake clock runs for days: log in afresh for each look. */
const as = (username: string) => login(h.app, username, PASSWORDS[username]!);
const config = loadConfig({ HOTLINE_DATA_DIR: '/tmp/hotline-test-unused', HOTLINE_LOG_LEVEL: 'silent' });
const log = createLogger('test', 'silent');

before(async () => {
  h = await startHarness();
  ids = await seedCaseCatalog(h.store);
  agent = await as('agent1');
});
after(async () => h.close());

type Notes = {
  items: { id: string; caseNumber: string; clock: string; level: string; readAt: number | null; deadline: number }[];
  unread: number;
  hasMore: boolean;
};
const notes = async (username: string, query = '') => {
  const r = await (await as(username)).request('GET', `/api/v1/notifications${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json as Notes;
};

test('control scans due cases on a fake clock and tells the department and, on breach, supervisors — once; read marks are mine', async () => {
  const repo = casesRepository({ store: h.store, config, clock: h.clock });
  let alerts: CaseAlerts = await startCaseAlerts({ repo, scheduler: h.clock, log, intervalMs: HOUR });
  const { number, party } = await dispatchedCase(agent, ids.get('WATER'), {
    caller: { name: '李女士', phone: '13800002222' },
    address: { text: '东城区和平路1号', districtCode: '330102' },
    description: '自来水发黄',
  });
  const advanceTo = async (t: number) => {
    while (h.clock.now() < t) {
      h.clock.advance(HOUR);
      await alerts.scan();
    }
  };

  assert.equal((await notes('water')).items.length, 0, 'nothing is due yet');
  await advanceTo(party.signDeadline + HOUR);
  const w = await notes('water');
  assert.deepEqual(
    w.items.map((n) => `${n.clock}:${n.level}`),
    ['sign:breach', 'sign:warning'],
  );
  assert.equal(w.unread, 2);
  assert.equal(w.items[0]!.caseNumber, number);
  assert.equal(w.items[0]!.deadline, party.signDeadline);
  assert.deepEqual(
    (await notes('banzhang')).items.map((n) => `${n.clock}:${n.level}`),
    ['sign:breach'],
    'center supervisors hear of breaches',
  );
  assert.equal((await notes('dongcheng')).items.length, 0, 'another department hears nothing');
  assert.equal((await notes('agent1')).items.length, 0);
  assert.equal((await notes('leader')).items.length, 0);

  // Restart: the new service resumes from the stored watermark and sends what fell due meanwhile.
  await alerts.stop();
  h.clock.advance(party.finishDeadline - h.clock.now() + HOUR);
  alerts = await startCaseAlerts({ repo, scheduler: h.clock, log, intervalMs: HOUR });
  await alerts.scan();
  await alerts.scan(); // a second scan of an empty window changes nothing
  assert.deepEqual(
    (await notes('water')).items.map((n) => `${n.clock}:${n.level}`),
    ['finish:breach', 'finish:warning', 'sign:breach', 'sign:warning'],
  );
  assert.deepEqual(
    (await notes('banzhang')).items.map((n) => `${n.clock}:${n.level}`),
    ['finish:breach', 'sign:breach'],
  );
  await alerts.stop();

  // Read marks: mine only, by id or all; the unread filter.
  const water = await as('water');
  const dongcheng = await as('dongcheng');
  const mine = await notes('water');
  const first = mine.items[0]!.id;
  const r1 = await water.request('POST', '/api/v1/notifications/read', { ids: [first] });
  assert.deepEqual(r1.json, { updated: 1 });
  assert.deepEqual((await water.request('POST', '/api/v1/notifications/read', { ids: [first] })).json, { updated: 0 });
  assert.deepEqual(
    (await dongcheng.request('POST', '/api/v1/notifications/read', { ids: mine.items.map((n) => n.id) })).json,
    { updated: 0 },
    "another user's notifications are not marked",
  );
  const unread = await notes('water', '?unread=true');
  assert.equal(unread.unread, 3);
  assert.ok(!unread.items.some((n) => n.id === first));
  assert.equal((await notes('banzhang')).unread, 2, "supervisors' read marks are their own");
  assert.deepEqual((await water.request('POST', '/api/v1/notifications/read', { all: true })).json, { updated: 3 });
  assert.equal((await notes('water')).unread, 0);
  const page = await notes('water', '?limit=1&offset=1');
  assert.equal(page.items.length, 1);
  assert.equal(page.hasMore, true);
  for (const bad of [{}, { ids: [] }, { ids: ['x; drop'] }, { all: false }, { ids: ['1'], all: true }]) {
    assert.equal((await water.request('POST', '/api/v1/notifications/read', bad)).status, 400, JSON.stringify(bad));
  }
});

test('the case number prefix is configurable (HOTLINE_CASE_NUMBER_PREFIX) and reaches the repository', async () => {
  assert.equal(loadConfig({}, '/tmp/x').caseNumberPrefix, '12319');
  const c12345 = loadConfig({ HOTLINE_CASE_NUMBER_PREFIX: '12345' }, '/tmp/x');
  assert.equal(c12345.caseNumberPrefix, '12345');
  assert.throws(
    () => loadConfig({ HOTLINE_CASE_NUMBER_PREFIX: '12-345' }, '/tmp/x'),
    /caseNumberPrefix \(HOTLINE_CASE_NUMBER_PREFIX\)/,
  );
  // A store of its own: the factory keeps one repository per database handle.
  const store = { ...h.store, db: h.store.db.withTables<Record<never, never>>() };
  const repo = casesRepository({ store, config: c12345, clock: h.clock });
  assert.equal(repo.config.numberPrefix, '12345');
  assert.equal(casesRepository({ store, config: c12345, clock: h.clock }), repo, 'one per database');
  const r = await repo.register(
    {
      channel: 'phone',
      type: 'consultation',
      categoryCode: '030201',
      urgency: 'normal',
      caller: { name: null, phone: null, confidential: false },
      address: { text: '', districtCode: null, streetCode: null, community: null, lat: null, lng: null },
      description: '咨询',
      expectation: null,
      attachments: [],
    },
    { id: 'x', name: 'agent', roles: ['agent'], departmentId: null },
  );
  assert.ok(r.ok);
  assert.match(r.state.number, /^12345-\d{8}-0001$/);
});
