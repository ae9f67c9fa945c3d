import { createHash } from 'node:crypto';
import { newId } from '@hotline/core';
import type { Store } from '@hotline/store';
import type { Actor } from './actor.ts';
import type { CaseCommand } from './case-commands.ts';
import type { CaseIntake, CaseState } from './case-model.ts';
import { CaseRepository, type CasesConfig } from './case-repository.ts';
import { DEMO_CATEGORIES, DEMO_DEPARTMENTS } from './demo-catalog.ts';
import type { CasesTables } from './store-schema.ts';

/** The demo Open311 API key (documented in `hotline demo --json` by the lead's demo printer). */
export const DEMO_OPEN311_KEY = 'demo-open311-key';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

const HOUR = 3_600_000;
const SYSTEM_ACTOR_ID = '00000000-0000-4000-8000-00000000c0de';

/** Inserts the demo category tree and any demo department whose code is missing; returns code → id. */
export async function seedCaseCatalog(store: Store): Promise<Map<string, string>> {
  const db = store.db.withTables<CasesTables>();
  await store.transaction(async (trx) => {
    const t = trx.withTables<CasesTables>();
    for (const [i, c] of DEMO_CATEGORIES.entries()) {
      await t
        .insertInto('case_categories')
        .values({
          code: c.code,
          parent_code: c.parentCode,
          name: c.name,
          name_en: c.nameEn,
          keywords: c.keywords,
          time_limits: JSON.stringify(c.timeLimits),
          active: c.active,
          sort: i,
        } as never)
        .onConflict((oc) => oc.column('code').doNothing())
        .execute();
    }
    for (const d of DEMO_DEPARTMENTS) {
      const existing = await trx.selectFrom('departments').select('id').where('code', '=', d.code).executeTakeFirst();
      if (existing) continue;
      const parent = d.parentId ? DEMO_DEPARTMENTS.find((x) => x.id === d.parentId)?.code : undefined;
      const parentRow = parent
        ? await trx.selectFrom('departments').select('id').where('code', '=', parent).executeTakeFirst()
        : undefined;
      await trx
        .insertInto('departments')
        .values({
          id: d.id,
          parent_id: parentRow?.id ?? null,
          code: d.code,
          name: d.name,
          name_en: null,
          kind: d.kind,
          region_code: d.regionCode,
        })
        .execute();
    }
    await t
      .insertInto('open311_clients')
      .values({ id: newId(), name: 'demo', key_hash: hashApiKey(DEMO_OPEN311_KEY), active: true })
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .execute();
  });
  const rows = await db.selectFrom('departments').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

interface Step {
  after: number;
  cmd: (s: CaseState) => CaseCommand;
  as: 'agent' | 'supervisor' | string;
}

/**
 * Demo data for the work-order screens: the catalog plus a dozen cases spread over the last two
 * weeks in every queue (to dispatch, to sign, in progress, returned, to review, callback, closed,
 * overdue, extension pending) and an incident grouping a burst main's cases. Idempotent.
 */
export async function seedCasesDemo(
  store: Store,
  opts: { now?: number; config?: Partial<CasesConfig> } = {},
): Promise<void> {
  const ids = await seedCaseCatalog(store);
  const db = store.db.withTables<CasesTables>();
  const already = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if (already) return;
  const end = opts.now ?? Date.now();
  let t = end;
  const repo = new CaseRepository(store, { clock: { now: () => t }, ...(opts.config ? { config: opts.config } : {}) });
  const dep = (code: string) => ids.get(code)!;
  const actor = (as: string): Actor =>
    as === 'agent' || as === 'supervisor'
      ? { id: SYSTEM_ACTOR_ID, name: as === 'agent' ? '演示坐席' : '演示班长', roles: [as], departmentId: null }
      : { id: SYSTEM_ACTOR_ID, name: `${as}联络员`, roles: ['department'], departmentId: dep(as) };
  const partyOf = (s: CaseState, code: string) => s.parties.filter((p) => p.departmentId === dep(code)).at(-1)!.id;
  const intake = (over: Partial<CaseIntake>): CaseIntake => ({
    channel: 'phone',
    type: 'complaint',
    categoryCode: '010101',
    urgency: 'normal',
    caller: { name: '王先生', phone: '13900001111', confidential: false },
    address: {
      text: '东城区和平街道和平路88号',
      districtCode: '330102',
      streetCode: '330102001',
      community: '和平社区',
      lat: 30.27,
      lng: 120.16,
    },
    description: '小区门口垃圾三天没人清运，气味很大',
    expectation: '尽快清运',
    attachments: [],
    ...over,
  });
  const lead =
    (code: string, co?: string): Step['cmd'] =>
    () => ({
      type: 'dispatch',
      parties: [
        { departmentId: dep(code), role: 'lead' },
        ...(co ? [{ departmentId: dep(co), role: 'co' as const }] : []),
      ],
    });
  const sign = (code: string): Step => ({
    after: HOUR,
    cmd: (s) => ({ type: 'sign', partyId: partyOf(s, code) }),
    as: code,
  });
  const reply = (code: string, text: string): Step => ({
    after: 20 * HOUR,
    cmd: (s) => ({ type: 'reply', partyId: partyOf(s, code), content: text }),
    as: code,
  });
  const accept = (code: string): Step => ({
    after: 2 * HOUR,
    cmd: (s) => ({ type: 'review', partyId: partyOf(s, code), accept: true }),
    as: 'agent',
  });
  const scripts: { daysAgo: number; intake: Partial<CaseIntake>; steps: Step[] }[] = [
    { daysAgo: 0.1, intake: { description: '路灯不亮已经一周', categoryCode: '020201' }, steps: [] },
    {
      daysAgo: 0.5,
      intake: { description: '小区门口垃圾三天没人清运' },
      steps: [{ after: HOUR, cmd: lead('CGJ'), as: 'agent' }],
    },
    {
      daysAgo: 2,
      intake: {
        description: '水压很低，高层无水',
        categoryCode: '030101',
        type: 'repair',
        caller: { name: '李女士', phone: '13800002222', confidential: true },
      },
      steps: [{ after: HOUR, cmd: lead('WATER', 'DC'), as: 'agent' }, sign('WATER')],
    },
    {
      daysAgo: 3,
      intake: { description: '楼顶违章搭建阳光房', categoryCode: '010201' },
      steps: [
        { after: HOUR, cmd: lead('ZJJ'), as: 'agent' },
        {
          after: 3 * HOUR,
          cmd: (s) => ({
            type: 'return',
            partyId: partyOf(s, 'ZJJ'),
            reason: 'not_our_duty',
            note: '违建查处属城管职责',
          }),
          as: 'ZJJ',
        },
      ],
    },
    {
      daysAgo: 4,
      intake: { description: '道路保洁不到位', categoryCode: '010102' },
      steps: [{ after: HOUR, cmd: lead('CGJ'), as: 'agent' }, sign('CGJ'), reply('CGJ', '已安排保洁员加密清扫')],
    },
    {
      daysAgo: 6,
      intake: { description: '夜间施工噪声扰民', categoryCode: '040101' },
      steps: [
        { after: HOUR, cmd: lead('HBJ'), as: 'agent' },
        sign('HBJ'),
        reply('HBJ', '已责令22点后停止施工'),
        accept('HBJ'),
      ],
    },
    {
      daysAgo: 9,
      intake: { description: '井盖缺失存在安全隐患', categoryCode: '020102', urgency: 'urgent' },
      steps: [
        { after: HOUR / 4, cmd: lead('DC'), as: 'agent' },
        { after: HOUR / 4, cmd: (s) => ({ type: 'sign', partyId: partyOf(s, 'DC') }), as: 'DC' },
        { after: HOUR, cmd: (s) => ({ type: 'reply', partyId: partyOf(s, 'DC'), content: '已补装井盖' }), as: 'DC' },
        accept('DC'),
        {
          after: 20 * HOUR,
          cmd: () => ({ type: 'record_callback', reached: true, resolved: true, satisfaction: 'satisfied' }),
          as: 'agent',
        },
        { after: HOUR / 6, cmd: () => ({ type: 'close', reason: 'satisfied' }), as: 'agent' },
      ],
    },
    {
      daysAgo: 14,
      intake: { description: '餐饮油烟直排', categoryCode: '040201' },
      steps: [{ after: HOUR, cmd: lead('DC'), as: 'agent' }, sign('DC')],
    },
    {
      daysAgo: 1,
      intake: { type: 'consultation', categoryCode: '060101', description: '占道经营如何处罚' },
      steps: [
        {
          after: HOUR / 6,
          cmd: () => ({ type: 'answer_directly', answer: '依据市容条例，由城管部门责令改正并可处罚款。' }),
          as: 'agent',
        },
        { after: 60_000, cmd: () => ({ type: 'close', reason: 'answered' }), as: 'agent' },
      ],
    },
    {
      daysAgo: 5,
      intake: { description: '水表走字异常', categoryCode: '030302', type: 'repair' },
      steps: [
        { after: HOUR, cmd: lead('WATER'), as: 'agent' },
        sign('WATER'),
        {
          after: 2 * HOUR,
          cmd: (s) => ({
            type: 'request_extension',
            partyId: partyOf(s, 'WATER'),
            extra: { unit: 'working_days', amount: 3 },
            reason: '需等待表具检定',
          }),
          as: 'WATER',
        },
      ],
    },
  ];
  for (const sc of scripts) {
    t = end - sc.daysAgo * 24 * HOUR;
    const r = await repo.register(intake(sc.intake), actor('agent'));
    if (!r.ok) throw r.error;
    let s = r.state;
    for (const st of sc.steps) {
      t += st.after;
      const x = await repo.execute(s.id, st.cmd(s), actor(st.as));
      if (!x.ok) throw x.error;
      s = x.state;
    }
  }
  // A burst main: an incident grouping two calls, the second linked as a duplicate of the first.
  t = end - 3 * HOUR;
  const incidentId = newId();
  await db
    .insertInto('case_incidents')
    .values({
      id: incidentId,
      title: '和平路DN300供水管爆管',
      kind: 'burst_main',
      district_code: '330102',
      street_code: '330102001',
      category_prefixes: ['03'],
      starts_at: new Date(t),
      ends_at: null,
      notice: '抢修中，预计今日18:00恢复供水',
      status: 'open',
    } as never)
    .execute();
  let first: CaseState | null = null;
  for (const phone of ['13700003333', '13700004444']) {
    const r = await repo.register(
      intake({
        categoryCode: '030301',
        urgency: 'urgent',
        type: 'repair',
        description: '和平路路面冒水，家里停水',
        caller: { name: null, phone, confidential: false },
      }),
      actor('agent'),
    );
    if (!r.ok) throw r.error;
    await repo.execute(r.state.id, { type: 'link_incident', incidentId }, actor('agent'));
    if (first) await repo.execute(r.state.id, { type: 'link_duplicate', parentCaseId: first.id }, actor('agent'));
    else {
      await repo.execute(
        r.state.id,
        { type: 'dispatch', parties: [{ departmentId: dep('WATER'), role: 'lead' }] },
        actor('agent'),
      );
      first = r.state;
    }
    t += 10 * 60_000;
  }
  // A planned outage in 城北街道 until tomorrow: no calls yet, suggested when one is registered there.
  await db
    .insertInto('case_incidents')
    .values({
      id: newId(),
      title: '城北街道管网改造计划停水',
      kind: 'planned_outage',
      district_code: '330103',
      street_code: '330103001',
      category_prefixes: ['0301'],
      starts_at: new Date(end - 2 * HOUR),
      ends_at: new Date(end + 30 * HOUR),
      notice: '管网改造，城北街道部分小区停水，预计明日恢复供水',
      status: 'open',
    } as never)
    .execute();
}
