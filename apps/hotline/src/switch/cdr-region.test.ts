import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CallControlEvent, CdrQuery } from '@hotline/contracts';
import type { Store } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import { searchCdrs } from '../http/routes/telephony-recordings-query.ts';
import { backfillCdrRegions, cdrRegion, trunkAreaCodes } from './cdr-region.ts';
import { storeSwitchEvent, type TelephonyTables, telephonyDb } from './telephony-store.ts';
import { trunkRow } from './trunk-row.test-helper.ts';

let store: Store;
before(async () => {
  store = await openTestStore();
  await telephonyDb(store)
    .insertInto('sip_trunks')
    .values(trunkRow({ id: 'hz', name: '杭州电信', caller_id: '057112345', area_code: '571' }))
    .execute();
});
after(async () => store?.close());

let seq = 0;
function hungup(caller: string, trunkId: string | null): CallControlEvent {
  seq++;
  const t = Date.UTC(2025, 2, 1, 9, 0, seq);
  return {
    v: 1,
    id: `ev-${seq}`,
    ts: t,
    seq,
    type: 'leg.hungup',
    legId: `leg-${seq}`,
    cause: { sip: 200, q850: 16, text: 'Normal Clearing', by: 'remote' },
    cdr: {
      legId: `leg-${seq}`,
      callId: `call-${seq}`,
      direction: trunkId ? 'inbound' : 'outbound',
      caller,
      callee: '12345',
      trunkId,
      extension: '1001',
      startedAt: t,
      answeredAt: t + 1000,
      endedAt: t + 60_000,
      cause: { sip: 200, q850: 16, text: 'Normal Clearing', by: 'remote' },
      bridgeIds: [],
    },
  } as CallControlEvent;
}

const stored = (legId: string) =>
  telephonyDb(store)
    .selectFrom('call_cdrs')
    .select(['caller_region', 'caller_province', 'caller_city', 'caller_region_pending'])
    .where('leg_id', '=', legId)
    .executeTakeFirstOrThrow();

test('cdrRegion: mobile segment, area code, trunk area code for local numbers, null otherwise', () => {
  assert.deepEqual(cdrRegion('13800138000'), {
    caller_region: '北京市',
    caller_province: '北京市',
    caller_city: '北京市',
  });
  assert.equal(cdrRegion('+86 139 1234 5678').caller_city, '常州市');
  assert.equal(cdrRegion('01062345678').caller_province, '北京市');
  assert.deepEqual(cdrRegion('057187654321'), {
    caller_region: '浙江省杭州市',
    caller_province: '浙江省',
    caller_city: '杭州市',
  });
  assert.equal(cdrRegion('87654321', '571').caller_region, '浙江省杭州市');
  const none = { caller_region: null, caller_province: null, caller_city: null };
  assert.deepEqual(cdrRegion('87654321'), none, 'a local number needs the area code of its trunk');
  assert.deepEqual(cdrRegion('+442071234567'), none, 'international');
  assert.deepEqual(cdrRegion('1001'), none, 'an extension');
  assert.deepEqual(cdrRegion('12345'), none, 'a service number');
  assert.deepEqual(cdrRegion(''), none);
  assert.deepEqual(cdrRegion('abc<script>'.repeat(50)), none, 'hostile input does not throw');
});

test('a stored CDR carries its caller region; the CDR search returns and filters by it', async () => {
  const db = telephonyDb(store);
  const areas = await trunkAreaCodes(db);
  assert.equal(areas.get('hz'), '571');
  const cases: [string, string | null, string | null, string | null][] = [
    ['13800138000', 'hz', '北京市', '北京市'],
    ['01062345678', 'hz', '北京市', '北京市'],
    ['057187654321', 'hz', '浙江省', '杭州市'],
    ['87654321', 'hz', '浙江省', '杭州市'],
    ['+442071234567', 'hz', null, null],
    ['1001', null, null, null],
  ];
  const legs: string[] = [];
  for (const [caller, trunk, province, city] of cases) {
    const e = hungup(caller, trunk);
    assert.equal(await storeSwitchEvent(db, 'sw', e, areas), true);
    const legId = (e as { legId: string }).legId;
    legs.push(legId);
    const r = await stored(legId);
    assert.equal(r.caller_province, province, caller);
    assert.equal(r.caller_city, city, caller);
    assert.equal(r.caller_region, province === city ? province : `${province}${city}`, caller);
    assert.equal(r.caller_region_pending, false);
  }

  const search = (q: Record<string, string>) =>
    searchCdrs(store.db.withTables<TelephonyTables>(), CdrQuery.parse({ limit: '100', ...q }), {
      withRecordings: false,
    });
  const all = await search({});
  const hz = all.items.find((c) => c.caller === '057187654321')!;
  assert.equal(hz.callerRegion, '浙江省杭州市');
  assert.equal(hz.callerProvince, '浙江省');
  assert.equal(hz.callerCity, '杭州市');
  assert.equal(all.items.find((c) => c.caller === '+442071234567')!.callerRegion, null);

  const callers = async (region: string) => (await search({ region })).items.map((c) => c.caller).sort();
  assert.deepEqual(await callers('杭州'), ['057187654321', '87654321']);
  assert.deepEqual(await callers('浙江省杭州市'), ['057187654321', '87654321']);
  assert.deepEqual(await callers('北京'), ['01062345678', '13800138000']);
  assert.deepEqual(await callers('上海'), []);
  assert.deepEqual(await callers('%'), [], 'LIKE wildcards are matched literally');
});

test('CDRs stored before migration 0302 get their region once, at start-up, in batches', async () => {
  const db = telephonyDb(store);
  const old = [hungup('13912345678', null), hungup('88887777', 'hz'), hungup('1002', null)];
  for (const e of old) await storeSwitchEvent(db, 'sw', e);
  const ids = old.map((e) => (e as { legId: string }).legId);
  // As the migration leaves the rows it found: no region, pending.
  await db
    .updateTable('call_cdrs')
    .set({ caller_region: null, caller_province: null, caller_city: null, caller_region_pending: true })
    .where('leg_id', 'in', ids)
    .execute();

  assert.equal(await backfillCdrRegions(db, 2), 3);
  assert.equal((await stored(ids[0]!)).caller_city, '常州市');
  assert.equal((await stored(ids[1]!)).caller_region, '浙江省杭州市', "a local number takes its trunk's area code");
  const ext = await stored(ids[2]!);
  assert.equal(ext.caller_region, null);
  assert.equal(ext.caller_region_pending, false, 'a number without region is not looked up again');
  assert.equal(await backfillCdrRegions(db, 2), 0, 'nothing left to fill');
});
