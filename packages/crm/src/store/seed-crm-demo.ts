import type { Store } from '@hotline/store';
import { WATER_ACCOUNT_SCHEMA } from './account-schema.ts';
import { saveAccountSchema } from './accounts.ts';
import { addListEntry } from './caller-lists.ts';
import { recordContact } from './contact-history.ts';
import { crmDb } from './customer-repository.ts';
import { importCustomers } from './import-customers.ts';

/** Demo customers as an import sheet (the same path a real import takes). */
export const DEMO_CUSTOMER_SHEET: string[][] = [
  ['类型', '姓名', '电话', '证件号码', '地址', '户号', '用水地址', '水表编号', '欠费金额', '业务'],
  [
    '个人',
    '张伟',
    '13800138000；0571-88881234',
    '',
    '滨江区江南大道100号3幢502',
    '10010001',
    '滨江区江南大道100号3幢502',
    'M-2019-00123',
    '0',
    '居民生活用水',
  ],
  [
    '个人',
    '王芳',
    '13912345678',
    '',
    '西湖区文三路88号1单元201',
    '10010002',
    '西湖区文三路88号1单元201',
    'M-2020-04411',
    '126.5',
    '居民生活用水',
  ],
  [
    '个人',
    '李娜',
    '+86 186 0571 2345',
    '',
    '拱墅区莫干山路20号',
    '10010003',
    '拱墅区莫干山路20号',
    'M-2018-11002',
    '0',
    '居民生活用水，阶梯人口核增',
  ],
  [
    '单位',
    '滨江区第一幼儿园',
    '0571-86661234',
    '',
    '滨江区长河路5号',
    '20020001',
    '滨江区长河路5号',
    'M-2015-90001',
    '0',
    '非居民用水',
  ],
  ['个人', '刘洋', '15067123456', '', '上城区解放路12号', '', '', '', '', ''],
];

/** Demo CRM: a water-utility account schema, five customers, contact history and list entries. */
export async function seedCrmDemo(store: Store): Promise<Map<string, string>> {
  await saveAccountSchema(store, WATER_ACCOUNT_SCHEMA);
  const r = await importCustomers(store, DEMO_CUSTOMER_SHEET, {
    schemaId: 'water',
    defaultAreaCode: '571',
    fileName: 'demo',
  });
  if (!r.ok) throw new Error(`demo import failed: ${JSON.stringify(r.problems)}`);
  const rows = await crmDb(store.db).selectFrom('crm_customers').select(['id', 'name']).execute();
  const ids = new Map(rows.map((x) => [x.name, x.id]));
  const day = 86_400_000;
  const now = Date.now();
  const zhang = ids.get('张伟')!;
  await recordContact(store, {
    customerId: zhang,
    number: '13800138000',
    channel: 'call',
    direction: 'in',
    summary: '反映小区停水，已转供水集团',
    refType: 'case',
    at: new Date(now - 30 * day),
  });
  await recordContact(store, {
    customerId: zhang,
    number: '13800138000',
    channel: 'case',
    direction: 'internal',
    summary: '工单办结：管网抢修完成，已恢复供水',
    at: new Date(now - 29 * day),
  });
  await recordContact(store, {
    customerId: zhang,
    number: '13800138000',
    channel: 'sms',
    direction: 'out',
    summary: '回访短信：请对本次服务评价',
    at: new Date(now - 28 * day),
  });
  await recordContact(store, {
    customerId: ids.get('王芳')!,
    number: '13912345678',
    channel: 'call',
    direction: 'in',
    summary: '咨询水费欠费与滞纳金',
    at: new Date(now - 3 * day),
  });
  await addListEntry(store, {
    list: 'vip',
    number: '0571-86661234',
    reason: '幼儿园，停水须优先处理',
    customerId: ids.get('滨江区第一幼儿园')!,
  });
  await addListEntry(store, {
    list: 'black',
    number: '13300001111',
    reason: '恶意骚扰电话，一天内拨打50次',
    action: 'warn',
    expiresAt: new Date(now + 30 * day),
  });
  return ids;
}
