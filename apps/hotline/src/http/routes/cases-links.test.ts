import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedCaseCatalog } from '@hotline/cases';
import { sql } from '@hotline/store';
import { type Client, type Harness, login, startHarness } from '../../../test/harness.ts';

let h: Harness;
let ids: Map<string, string>;
let agent: Client;
let qa: Client;
let water: Client;
let dongcheng: Client;

before(async () => {
  h = await startHarness();
  ids = await seedCaseCatalog(h.store);
  agent = await login(h.app, 'agent1', 'hotline-agent');
  qa = await login(h.app, 'qa', 'hotline-qa');
  water = await login(h.app, 'water', 'hotline-dept');
  dongcheng = await login(h.app, 'dongcheng', 'hotline-dept');
  const t0 = '2026-03-02T02:00:00Z';
  await sql`insert into call_cdrs (leg_id, event_id, switch_id, call_id, direction, caller, callee, started_at,
      answered_at, ended_at, sip_status, q850_cause, cause_text, hangup_by)
    values ('leg-1', 'ev-1', 'sw1', 'call-abc@host', 'inbound', '13800002222', '12319', ${t0},
      '2026-03-02T02:00:05Z', '2026-03-02T02:03:05Z', 200, 16, 'normal', 'caller')`.execute(h.store.db);
  await sql`insert into call_recordings (id, event_id, switch_id, bridge_id, leg_ids, path, duration_ms, bytes, sha256, started_at)
    values ('rec-1', 'ev-r1', 'sw1', 'b1', array['leg-1', 'leg-2'], '2026/03/02/rec-1.wav', 180000, 1000, ${'0'.repeat(64)}, ${t0})`.execute(
    h.store.db,
  );
});
after(async () => h.close());

type Links = {
  calls: { ref: string; caller: string; durationMs: number }[];
  unmatchedCalls: string[];
  recordings: { ref: string; id: string | null }[];
  canPlay: boolean;
};

test('linked calls come from the CDRs with their recordings; play only for recording roles; masked for departments', async () => {
  const created = await agent.request('POST', '/api/v1/cases', {
    type: 'repair',
    categoryCode: '030201',
    caller: { name: '李女士', phone: '13800002222', confidential: true },
    address: { text: '和平路1号', districtCode: '330102' },
    description: '自来水发黄',
  });
  const c = (created.json as { case: { id: string } }).case;
  const cmd = (body: unknown) => agent.request('POST', `/api/v1/cases/${c.id}/commands`, body);
  const empty = await agent.request('GET', `/api/v1/cases/${c.id}/links`);
  assert.deepEqual(empty.json, { calls: [], unmatchedCalls: [], recordings: [], canPlay: false });
  assert.equal((await cmd({ type: 'link', kind: 'call', ref: 'call-abc@host' })).status, 200);
  assert.equal((await cmd({ type: 'link', kind: 'call', ref: 'leg-unknown' })).status, 200);
  assert.equal((await cmd({ type: 'link', kind: 'recording', ref: 'rec-missing' })).status, 200);

  const a = (await agent.request('GET', `/api/v1/cases/${c.id}/links`)).json as Links;
  assert.deepEqual(a.calls, [
    {
      ref: 'call-abc@host',
      legId: 'leg-1',
      direction: 'inbound',
      caller: '13800002222',
      callee: '12319',
      startedAt: '2026-03-02T02:00:00.000Z',
      answeredAt: '2026-03-02T02:00:05.000Z',
      durationMs: 180_000,
    },
  ]);
  assert.deepEqual(a.unmatchedCalls, ['leg-unknown']);
  assert.deepEqual(
    a.recordings.map((r) => [r.ref, r.id]),
    [
      ['rec-1', 'rec-1'],
      ['rec-missing', null],
    ],
  );
  assert.equal(a.canPlay, false, 'agents see that a recording exists, no player');
  const q = (await qa.request('GET', `/api/v1/cases/${c.id}/links`)).json as Links;
  assert.equal(q.canPlay, true);
  // The grant itself stays closed to agents (not widened).
  assert.equal(
    (await agent.request('POST', '/api/v1/telephony/recordings/rec-1/grant', { purpose: 'play' })).status,
    403,
  );
  assert.equal((await qa.request('POST', '/api/v1/telephony/recordings/rec-1/grant', { purpose: 'play' })).status, 200);

  // Departments: only on their own case, and a confidential caller's number masked.
  assert.equal((await water.request('GET', `/api/v1/cases/${c.id}/links`)).status, 404);
  await cmd({ type: 'dispatch', parties: [{ departmentId: ids.get('WATER'), role: 'lead' }] });
  const w = (await water.request('GET', `/api/v1/cases/${c.id}/links`)).json as Links;
  assert.equal(w.calls[0]!.caller, '138****2222');
  assert.equal(w.canPlay, false);
  assert.equal((await dongcheng.request('GET', `/api/v1/cases/${c.id}/links`)).status, 404);
});
