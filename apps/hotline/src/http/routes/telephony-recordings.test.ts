import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { type Client, type Harness, loginDemo, startHarness } from '../../../test/harness.ts';
import { loadConfig } from '../../config.ts';
import { demoSeeders } from '../../demo.ts';
import { telephonyDb } from '../../switch/telephony-store.ts';
import { seedCallHistoryDemo } from './telephony-recordings-demo.ts';
import { PLAY_GRANT_MS } from './telephony-recordings-range.ts';

let h: Harness;
let admin: Client;
let supervisor: Client;
let qa: Client;
let agent: Client;
let leader: Client;
let dept: Client;
const files: string[] = [];

type Rec = { id: string; caller: string | null; durationMs: number; extensions: string[]; agents: string[] };
type Cdr = {
  legId: string;
  caller: string;
  callerRegion: string | null;
  recordingId: string | null;
  causeText: string;
};

before(async () => {
  h = await startHarness();
  // The demo's switch configuration (extensions 1001–1003, 1010, the carrier) and its call history.
  const config = loadConfig({ HOTLINE_DATA_DIR: '/tmp/hotline-test-unused' });
  await demoSeeders.find((s) => s.name === 'telephony')!.seed(h.store, config);
  const recordingsDir = config.recordingsDir;
  await seedCallHistoryDemo(h.store, recordingsDir, h.clock.now());
  for (const r of await telephonyDb(h.store).selectFrom('call_recordings').select('path').execute()) files.push(r.path);
  ({
    admin,
    supervisor,
    qa,
    agent,
    leader,
    water: dept,
  } = await loginDemo(h.app, 'admin', 'supervisor', 'qa', 'agent', 'leader', 'water'));
});
after(async () => {
  for (const f of files) rmSync(f, { force: true });
  await h?.close();
});

const list = async (c: Client, q = '') => {
  const r = await c.request('GET', `/api/v1/telephony/recordings${q}`);
  return { status: r.status, items: (r.json as { items: Rec[] }).items, total: (r.json as { total: number }).total };
};
const audio = (c: Client | null, url: string, range?: string) =>
  h.app.inject({
    method: 'GET',
    url,
    headers: { ...(c ? { cookie: c.cookie } : {}), ...(range ? { range } : {}) },
  });
const grant = async (c: Client, id: string, purpose: 'play' | 'download' = 'play') =>
  c.request('POST', `/api/v1/telephony/recordings/${id}/grant`, { purpose });
const audits = (action: string) =>
  h.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

test('admin, supervisor and qa list recordings; agent, department and leader are refused', async () => {
  for (const c of [admin, supervisor, qa]) {
    const r = await list(c);
    assert.equal(r.status, 200);
    assert.equal(r.total, 4);
  }
  for (const c of [agent, dept, leader]) assert.equal((await list(c)).status, 403);
  const anon = await h.app.inject({ method: 'GET', url: '/api/v1/telephony/recordings' });
  assert.equal(anon.statusCode, 401);
});

test('search by number, extension, agent, date range and duration', async () => {
  const byNumber = await list(qa, '?number=13800138000');
  assert.deepEqual(
    byNumber.items.map((r) => [r.caller, r.extensions, r.agents]),
    [['13800138000', ['1001'], ['李娜']]],
  );
  assert.deepEqual(
    (await list(qa, '?number=0571')).items.map((r) => r.caller),
    ['057187654321'],
  );
  assert.deepEqual(
    (await list(qa, '?extension=1002')).items.map((r) => r.caller),
    ['057187654321'],
  );
  const agent3 = await h.store.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'agent3')
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    (await list(qa, `?userId=${agent3.id}`)).items.map((r) => r.caller),
    ['15900001111'],
  );
  const since = new Date(h.clock.now() - 4 * 3_600_000).toISOString();
  assert.equal((await list(qa, `?from=${encodeURIComponent(since)}`)).total, 2);
  const until = new Date(h.clock.now() - 24 * 3_600_000).toISOString();
  assert.equal((await list(qa, `?to=${encodeURIComponent(until)}`)).total, 2);
  assert.deepEqual((await list(qa, '?minDuration=10')).items.map((r) => r.durationMs).sort(), [12_000, 15_000]);
  assert.deepEqual(
    (await list(qa, '?maxDuration=8')).items.map((r) => r.durationMs),
    [6_000],
  );
  assert.equal((await list(qa, '?minDuration=7&maxDuration=13&number=0571')).total, 1);
  const bad = await qa.request('GET', '/api/v1/telephony/recordings?from=yesterday&number=abc');
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.json), /query\.from: an ISO date/);
  assert.match(JSON.stringify(bad.json), /query\.number: digits/);
});

test('play: an audited grant, then the audio with HTTP Range (206, suffix, 416) for the browser player', async () => {
  const [rec] = (await list(qa, '?number=13800138000')).items;
  const file = readFileSync(files.find((f) => f.includes(rec!.id))!);
  const before = (await audits('recording.play')).length;
  const g = await grant(qa, rec!.id);
  assert.equal(g.status, 200, JSON.stringify(g.json));
  const url = (g.json as { url: string }).url;
  const plays = await audits('recording.play');
  assert.equal(plays.length, before + 1);
  assert.equal(plays.at(-1)!.actor_name, 'qa');
  assert.equal(plays.at(-1)!.target_id, rec!.id);

  const full = await audio(qa, url);
  assert.equal(full.statusCode, 200);
  assert.equal(full.headers['accept-ranges'], 'bytes');
  assert.equal(full.headers['content-type'], 'audio/wav');
  assert.match(String(full.headers['content-disposition']), /^inline/);
  assert.equal(
    createHash('sha256').update(full.rawPayload).digest('hex'),
    createHash('sha256').update(file).digest('hex'),
  );
  assert.equal(full.rawPayload.subarray(0, 4).toString(), 'RIFF');

  const part = await audio(qa, url, 'bytes=100-199');
  assert.equal(part.statusCode, 206);
  assert.equal(part.headers['content-range'], `bytes 100-199/${file.length}`);
  assert.deepEqual(part.rawPayload, file.subarray(100, 200));
  const open = await audio(qa, url, `bytes=${file.length - 5}-`);
  assert.equal(open.statusCode, 206);
  assert.deepEqual(open.rawPayload, file.subarray(file.length - 5));
  const suffix = await audio(qa, url, 'bytes=-10');
  assert.deepEqual(suffix.rawPayload, file.subarray(file.length - 10));
  const beyond = await audio(qa, url, `bytes=${file.length}-`);
  assert.equal(beyond.statusCode, 416);
  assert.equal(beyond.headers['content-range'], `bytes */${file.length}`);
  // Fetching ranges does not add audit rows: the play was audited once, at the grant.
  assert.equal((await audits('recording.play')).length, before + 1);
});

test('download: audited separately, served as an attachment', async () => {
  const [rec] = (await list(supervisor, '?extension=1010')).items;
  const g = await grant(supervisor, rec!.id, 'download');
  const res = await audio(supervisor, (g.json as { url: string }).url);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-disposition']), /^attachment; filename="recording-\d{8}T\d{6}-/);
  const rows = await audits('recording.download');
  assert.equal(rows.at(-1)!.actor_name, 'banzhang');
  assert.equal(rows.at(-1)!.target_id, rec!.id);
});

test('an agent cannot fetch a recording by guessing its id, nor with a grant issued to someone else', async () => {
  const [rec] = (await list(admin)).items;
  const id = rec!.id;
  const playsBefore = (await audits('recording.play')).length;
  assert.equal((await agent.request('GET', `/api/v1/telephony/recordings/${id}`)).status, 403);
  assert.equal((await grant(agent, id)).status, 403);
  // Unknown and known ids look the same to the agent (no existence oracle).
  assert.equal((await agent.request('GET', '/api/v1/telephony/recordings/no-such-id')).status, 403);
  const qaUrl = ((await grant(qa, id)).json as { url: string }).url;
  assert.equal((await audio(agent, qaUrl)).statusCode, 403);
  assert.equal((await audio(leader, qaUrl)).statusCode, 403);
  assert.equal((await audio(null, qaUrl)).statusCode, 401);
  // A supervisor may play recordings, but only through a grant of their own.
  assert.equal((await audio(supervisor, qaUrl)).statusCode, 403);
  // No grant, a forged grant, or a grant for another recording.
  assert.equal((await audio(qa, `/api/v1/telephony/recordings/${id}/audio`)).statusCode, 400);
  assert.equal((await audio(qa, `/api/v1/telephony/recordings/${id}/audio?grant=eyJ4IjoxfQ.AAAA`)).statusCode, 403);
  const other = (await list(qa)).items.find((r) => r.id !== id)!;
  assert.equal((await audio(qa, qaUrl.replace(encodeURIComponent(id), encodeURIComponent(other.id)))).statusCode, 403);
  const tampered = qaUrl.replace(/grant=([A-Za-z0-9_-])/, (_m, c: string) => `grant=${c === 'A' ? 'B' : 'A'}`);
  assert.equal((await audio(qa, tampered)).statusCode, 403);
  // Only qa's grant was audited.
  const plays = await audits('recording.play');
  assert.equal(plays.length, playsBefore + 1);
  assert.equal(plays.at(-1)!.actor_name, 'qa');
  // Grants expire.
  h.clock.advance(PLAY_GRANT_MS + 1000);
  assert.equal((await audio(qa, qaUrl)).statusCode, 403);
});

test('a recording whose file lies outside the recordings directory is not served', async () => {
  await telephonyDb(h.store)
    .insertInto('call_recordings')
    .values({
      id: 'rec-outside',
      event_id: 'evt-outside',
      switch_id: 'test',
      bridge_id: null,
      leg_ids: [],
      path: '/etc/passwd',
      duration_ms: 1000,
      bytes: 10,
      sha256: '0'.repeat(64),
      started_at: new Date(h.clock.now()),
    })
    .execute();
  const g = await grant(admin, 'rec-outside');
  assert.equal(g.status, 200);
  const res = await audio(admin, (g.json as { url: string }).url);
  assert.equal(res.statusCode, 404);
  assert.doesNotMatch(res.body, /root:/);
  await telephonyDb(h.store).deleteFrom('call_recordings').where('id', '=', 'rec-outside').execute();
});

test('CDRs: every role that reads them sees caller regions and cause; only recording roles see recording ids', async () => {
  const get = async (c: Client, q = '') => c.request('GET', `/api/v1/telephony/cdrs${q}`);
  const forQa = (await get(qa, '?limit=100')).json as { items: Cdr[]; total: number };
  assert.equal(forQa.total, 15);
  const bj = forQa.items.find((c) => c.caller === '13800138000')!;
  assert.equal(bj.callerRegion, '北京市');
  assert.ok(bj.recordingId);
  assert.equal(forQa.items.find((c) => c.caller === '057187654321')!.callerRegion, '浙江省杭州市');
  const forLeader = (await get(leader, '?limit=100')).json as { items: Cdr[] };
  assert.ok(forLeader.items.every((c) => c.recordingId === null));
  for (const c of [agent, dept]) assert.equal((await get(c)).status, 403);
  const busy = (await get(supervisor, '?number=18612345678')).json as { items: Cdr[] };
  assert.deepEqual(
    busy.items.map((c) => c.causeText),
    ['Busy Here', 'Busy Here'],
  );
  assert.equal(((await get(admin, '?answered=no&direction=inbound')).json as { total: number }).total, 3);
  assert.equal(((await get(admin, '?extension=1010')).json as { total: number }).total, 1);
});
