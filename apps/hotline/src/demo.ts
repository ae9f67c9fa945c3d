/**
 * Demo installation: one user per role with documented passwords, a department tree, and the
 * conventions later features extend (extensions, DIDs). `hotline demo --json` prints it so that
 * scripts and external test suites can drive a fresh installation.
 */

import { DEMO_OPEN311_KEY, seedCasesDemo } from '@hotline/cases';
import type { Role } from '@hotline/contracts';
import { newId } from '@hotline/core';
import { seedCrmDemo } from '@hotline/crm';
import { seedKbDemo } from '@hotline/kb';
import { type Store, writeAudit } from '@hotline/store';
import type { Accounts } from './accounts/accounts.ts';
import type { Config } from './config.ts';

export const DEMO_ADMIN = { username: 'admin', password: 'hotline-admin', displayName: '系统管理员' } as const;

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  department?: string;
  extension?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'banzhang', password: 'hotline-super', displayName: '王班长', roles: ['supervisor'], extension: '1010' },
  { username: 'agent1', password: 'hotline-agent', displayName: '李娜', roles: ['agent'], extension: '1001' },
  { username: 'agent2', password: 'hotline-agent', displayName: '张伟', roles: ['agent'], extension: '1002' },
  { username: 'agent3', password: 'hotline-agent', displayName: '刘洋', roles: ['agent'], extension: '1003' },
  { username: 'qa', password: 'hotline-qa', displayName: '陈质检', roles: ['qa'] },
  {
    username: 'water',
    password: 'hotline-dept',
    displayName: '水务局联络员',
    roles: ['department'],
    department: 'WATER',
  },
  {
    username: 'dongcheng',
    password: 'hotline-dept',
    displayName: '东城区联络员',
    roles: ['department'],
    department: 'DC',
  },
  { username: 'leader', password: 'hotline-leader', displayName: '赵主任', roles: ['leader'] },
];

export interface DemoDepartment {
  code: string;
  name: string;
  nameEn: string;
  kind: 'center' | 'city' | 'district' | 'street' | 'unit';
  parent?: string;
  region?: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  { code: 'CENTER', name: '12319城建热线中心', nameEn: '12319 Hotline Center', kind: 'center' },
  { code: 'CGJ', name: '市城市管理局', nameEn: 'City Management Bureau', kind: 'city', region: '330100' },
  { code: 'WATER', name: '市水务集团', nameEn: 'City Water Group', kind: 'city', region: '330100' },
  {
    code: 'ZJJ',
    name: '市住房和城乡建设局',
    nameEn: 'Housing and Construction Bureau',
    kind: 'city',
    region: '330100',
  },
  { code: 'HBJ', name: '市生态环境局', nameEn: 'Ecology and Environment Bureau', kind: 'city', region: '330100' },
  { code: 'JTJ', name: '市交通运输局', nameEn: 'Transport Bureau', kind: 'city', region: '330100' },
  { code: 'DC', name: '东城区人民政府', nameEn: 'Dongcheng District', kind: 'district', region: '330102' },
  { code: 'XC', name: '西城区人民政府', nameEn: 'Xicheng District', kind: 'district', region: '330103' },
  {
    code: 'DC-HP',
    name: '东城区和平街道',
    nameEn: 'Heping Subdistrict',
    kind: 'street',
    parent: 'DC',
    region: '330102001',
  },
  {
    code: 'DC-XH',
    name: '东城区新华街道',
    nameEn: 'Xinhua Subdistrict',
    kind: 'street',
    parent: 'DC',
    region: '330102002',
  },
  {
    code: 'XC-CB',
    name: '西城区城北街道',
    nameEn: 'Chengbei Subdistrict',
    kind: 'street',
    parent: 'XC',
    region: '330103001',
  },
];

/** SIP extensions of the demo (registered by phones once the switch runs). */
export const DEMO_EXTENSIONS = [
  { extension: '1001', password: 'sip-1001-demo', user: 'agent1' },
  { extension: '1002', password: 'sip-1002-demo', user: 'agent2' },
  { extension: '1003', password: 'sip-1003-demo', user: 'agent3' },
  { extension: '1010', password: 'sip-1010-demo', user: 'banzhang' },
];

/** Access numbers of the demo and what each reaches (served by the switch and the IVR). */
export const DEMO_DIDS = [
  { did: '12319', reaches: 'city-management main menu (IVR flow "main")' },
  { did: '12345', reaches: 'government service line (IVR flow "main")' },
  { did: '96116', reaches: 'water utility service line (IVR flow "water")' },
];

/** Hooks that feature packages add to seed their own demo data (cases, CRM, KB …). */
/** A feature's demo data; `config` says where files (recordings, prompts) belong. */
export type DemoSeeder = (store: Store, config: Config) => Promise<void>;
export const demoSeeders: { name: string; seed: DemoSeeder }[] = [
  { name: 'cases', seed: (store) => seedCasesDemo(store) },
  { name: 'crm', seed: async (store) => void (await seedCrmDemo(store)) },
  { name: 'kb', seed: async (store) => void (await seedKbDemo(store)) },
];

export async function isDemoSeeded(store: Store): Promise<boolean> {
  const row = await store.db.selectFrom('settings').select('key').where('key', '=', 'demo.seeded').executeTakeFirst();
  return !!row;
}

/** Seeds the demo once; idempotent (a marker row records it). */
export async function seedDemo(
  store: Store,
  accounts: Accounts,
  config: Config,
  opts: { features?: boolean } = {},
): Promise<boolean> {
  if (await isDemoSeeded(store)) return false;
  const ids = new Map<string, string>();
  await store.transaction(async (trx) => {
    for (const d of DEMO_DEPARTMENTS) {
      const existing = await trx.selectFrom('departments').select('id').where('code', '=', d.code).executeTakeFirst();
      const id = existing?.id ?? newId();
      ids.set(d.code, id);
      if (existing) continue;
      const centerId = ids.get('CENTER');
      await trx
        .insertInto('departments')
        .values({
          id,
          parent_id: d.parent ? (ids.get(d.parent) ?? null) : d.kind === 'center' ? null : (centerId ?? null),
          code: d.code,
          name: d.name,
          name_en: d.nameEn,
          kind: d.kind,
          region_code: d.region ?? null,
        })
        .execute();
    }
    for (const u of DEMO_USERS) {
      const exists = await trx.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
      if (exists) continue;
      await accounts.createUser(
        {
          username: u.username,
          displayName: u.displayName,
          password: u.password,
          roles: u.roles,
          departmentId: u.department ? (ids.get(u.department) ?? null) : null,
        },
        trx,
      );
    }
    await trx
      .insertInto('settings')
      .values({ key: 'demo.seeded', value: JSON.stringify({ at: new Date().toISOString() }) })
      .execute();
    await writeAudit(trx, { action: 'demo.seed', actorName: 'system' });
  });
  if (opts.features !== false) for (const s of demoSeeders) await s.seed(store, config);
  return true;
}

export function demoDescription(config: Config) {
  const host = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;
  const httpBaseUrl = config.publicUrl ?? `http://${host}:${config.httpPort}`;
  return {
    httpBaseUrl,
    open311: { baseUrl: `${httpBaseUrl}/open311/v2`, apiKey: DEMO_OPEN311_KEY },
    sip: { host: config.sipHost, udpPort: config.sipPort, tcpPort: config.sipPort, tlsPort: config.sipTlsPort },
    users: [
      { username: DEMO_ADMIN.username, password: config.adminPassword ?? DEMO_ADMIN.password, roles: ['admin'] },
      ...DEMO_USERS.map((u) => ({
        username: u.username,
        password: u.password,
        roles: u.roles,
        displayName: u.displayName,
        ...(u.department ? { department: u.department } : {}),
        ...(u.extension ? { extension: u.extension } : {}),
      })),
    ],
    departments: DEMO_DEPARTMENTS.map((d) => ({ code: d.code, name: d.name, kind: d.kind })),
    extensions: DEMO_EXTENSIONS,
    dids: DEMO_DIDS,
  };
}
