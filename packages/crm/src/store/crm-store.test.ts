import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isHotlineError } from '@hotline/core';
import { queryAudit, type Store, sql } from '@hotline/store';
import { openTestStore } from '@hotline/store/testing';
import ExcelJS from 'exceljs';
import { readXlsx } from '../import/read-xlsx.ts';
import { accountHistory, saveAccount } from './accounts.ts';
import { addListEntry, callerStatus, listEntries, removeListEntry } from './caller-lists.ts';
import { recordContact } from './contact-history.ts';
import { CustomerRepository } from './customer-repository.ts';
import { importCustomers } from './import-customers.ts';
import { lookupByAccount, lookupByPhone } from './screen-pop.ts';
import { seedCrmDemo } from './seed-crm-demo.ts';

let store: Store;
let ids: Map<string, string>;

before(async () => {
  store = await openTestStore();
  ids = await seedCrmDemo(store);
});
after(async () => {
  await store?.close();
});

async function count(table: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(store.db);
  return Number(rows[0]!.n);
}

test('screen pop by caller number in any presentation: customer, accounts, region, history, lists', async () => {
  for (const raw of ['13800138000', '+8613800138000', 'sip:013800138000@10.0.0.1']) {
    const pop = await lookupByPhone(store, raw);
    assert.equal(pop.customers.length, 1, raw);
    assert.equal(pop.customers[0]!.name, '张伟');
  }
  const pop = await lookupByPhone(store, '138 0013 8000');
  assert.equal(pop.region?.label, '北京市');
  assert.equal(pop.carrier, '中国移动');
  assert.equal(pop.customers[0]!.accounts[0]?.accountNumber, '10010001');
  assert.equal(pop.customers[0]!.accounts[0]?.data.meter, 'M-2019-00123');
  assert.equal(pop.recent.length, 3);
  assert.match(pop.recent[0]!.summary, /回访/);
  const landline = await lookupByPhone(store, '86661234', { defaultAreaCode: '571' });
  assert.equal(landline.customers[0]?.name, '滨江区第一幼儿园');
  assert.equal(landline.region?.city, '杭州市');
  assert.equal(landline.lists.vip?.reason, '幼儿园，停水须优先处理');
  const unknown = await lookupByPhone(store, '13700000000');
  assert.deepEqual(unknown.customers, []);
  assert.equal(unknown.region?.province !== undefined, true);
  const bad = await lookupByPhone(store, 'not a number');
  assert.equal(bad.phone, null);
});

test('screen pop by IVR-entered account number', async () => {
  const pop = await lookupByAccount(store, '10010002');
  assert.equal(pop?.customers[0]?.name, '王芳');
  assert.equal(pop?.customers[0]?.accounts[0]?.data.arrears, 126.5);
  assert.equal(await lookupByAccount(store, '99999999'), null);
  assert.equal(await lookupByAccount(store, ''), null);
});

test('customer search by name, phone, account and ID number; CRUD with validation and audit', async () => {
  const repo = new CustomerRepository(store, { defaultAreaCode: '571' });
  assert.equal((await repo.search('王芳'))[0]?.name, '王芳');
  assert.equal((await repo.search('0571-88881234'))[0]?.name, '张伟');
  assert.equal((await repo.search('20020001'))[0]?.name, '滨江区第一幼儿园');
  assert.ok((await repo.search('幼儿园')).some((c) => c.name === '滨江区第一幼儿园'));
  const c = await repo.create({
    kind: 'person',
    name: '赵敏',
    idNumber: '11010519491231002X',
    phones: [{ number: '15900001111', label: '手机' }],
  });
  assert.equal((await repo.search('11010519491231002x'))[0]?.id, c.id);
  assert.equal(c.phones[0]?.key, '+8615900001111');
  await assert.rejects(
    repo.create({ kind: 'person', name: '错号', idNumber: '110105194912310021' }),
    (e) => isHotlineError(e) && e.code === 'validation_failed',
  );
  await assert.rejects(
    repo.create({ kind: 'person', name: '', phones: [{ number: 'abc' }] }),
    (e) => isHotlineError(e) && e.code === 'validation_failed',
  );
  const u = await repo.update(c.id, { kind: 'person', name: '赵敏', phones: [{ number: '15900002222' }] });
  assert.deepEqual(
    u.phones.map((p) => p.key),
    ['+8615900002222'],
  );
  assert.equal((await lookupByPhone(store, '15900001111')).customers.length, 0);
  const audit = await queryAudit(store.db, { action: 'crm.customer.update' });
  assert.ok(audit.length >= 1);
  await repo.delete(c.id);
  await assert.rejects(repo.get(c.id), (e) => isHotlineError(e) && e.code === 'not_found');
});

test('accounts follow their schema and keep a history', async () => {
  const zhang = ids.get('张伟')!;
  const pop = await lookupByPhone(store, '13800138000');
  const acc = pop.customers[0]!.accounts[0]!;
  const changed = await saveAccount(store, {
    customerId: zhang,
    schemaId: 'water',
    accountNumber: acc.accountNumber,
    data: { address: acc.data.address, arrears: '35.20', products: '居民生活用水、水表迁移' },
    reason: '抄表',
  });
  assert.equal(changed.data.arrears, 35.2);
  assert.deepEqual(changed.data.products, ['居民生活用水', '水表迁移']);
  const h = await accountHistory(store, acc.id);
  assert.equal(h.length, 2);
  assert.equal(h[0]!.reason, '抄表');
  await assert.rejects(
    saveAccount(store, { customerId: zhang, schemaId: 'water', accountNumber: 'X1', data: { arrears: 'lots' } }),
    (e) => isHotlineError(e) && e.code === 'validation_failed',
  );
  await assert.rejects(
    saveAccount(store, {
      customerId: ids.get('王芳')!,
      schemaId: 'water',
      accountNumber: acc.accountNumber,
      data: { address: 'x' },
    }),
    (e) => isHotlineError(e) && e.code === 'conflict',
  );
});

test('black/white/VIP lists: reason, expiry, removal, audit', async () => {
  const now = new Date();
  const black = await callerStatus(store, '133-0000-1111');
  assert.equal(black.black?.action, 'warn');
  assert.equal((await callerStatus(store, '13300001111', new Date(now.getTime() + 40 * 86_400_000))).black, null);
  await assert.rejects(
    addListEntry(store, { list: 'black', number: '13300001111', reason: 'again' }),
    (e) => isHotlineError(e) && e.code === 'conflict',
  );
  await assert.rejects(
    addListEntry(store, { list: 'white', number: '13300001111', reason: '' }),
    (e) => isHotlineError(e) && e.code === 'validation_failed',
  );
  const w = await addListEntry(store, { list: 'white', number: '0571-12345', reason: '市长热线转接线路' });
  assert.equal(w.action, 'direct');
  assert.equal((await listEntries(store, 'white')).length, 1);
  await removeListEntry(store, w.id, '线路撤销');
  assert.equal((await callerStatus(store, '0571-12345')).white, null);
  const audit = await queryAudit(store.db, { action: 'crm.list.white.remove' });
  assert.equal(audit.length, 1);
});

test('contact timeline across channels, newest first', async () => {
  await recordContact(store, {
    customerId: ids.get('李娜')!,
    number: '18605712345',
    channel: 'wechat',
    direction: 'in',
    summary: '公众号留言：水压低',
  });
  const pop = await lookupByPhone(store, '18605712345');
  assert.equal(pop.recent[0]?.channel, 'wechat');
});

test('import with bad rows reports every bad row and changes nothing', async () => {
  const before = await Promise.all(['crm_customers', 'crm_phones', 'crm_accounts'].map(count));
  const sheet = [
    ['类型', '姓名', '电话', '证件号码', '户号', '用水地址', '欠费金额'],
    ['个人', '好行一', '13711112222', '', '30030001', '上城区一号', '0'],
    ['个人', '', '13711113333', '', '', '', ''],
    ['个人', '坏电话', '12345678901', '', '', '', ''],
    ['外星人', '坏类型', '13711114444', '', '', '', ''],
    ['个人', '坏证件', '13711115555', '110105194912310021', '', '', ''],
    ['个人', '坏金额', '13711116666', '', '30030002', '上城区二号', '很多'],
    ['个人', '重复户号', '13711117777', '', '30030001', '上城区三号', '0'],
    ['个人', '已存在户号', '13711118888', '', '10010001', '滨江区', '0'],
    ['个人', '好行二', '13711119999', '', '', '', ''],
  ];
  const r = await importCustomers(store, sheet, { schemaId: 'water' });
  assert.equal(r.ok, false);
  assert.equal(r.imported, 0);
  assert.deepEqual([...new Set(r.problems.map((p) => p.row))], [3, 4, 5, 6, 7, 8, 9]);
  assert.ok(r.problems.some((p) => p.row === 8 && /repeats row 2/.test(p.message)));
  assert.ok(r.problems.some((p) => p.row === 9 && /already exists/.test(p.message)));
  const afterCounts = await Promise.all(['crm_customers', 'crm_phones', 'crm_accounts'].map(count));
  assert.deepEqual(afterCounts, before);
  const unknownCol = await importCustomers(store, [
    ['姓名', '星座'],
    ['甲', '白羊'],
  ]);
  assert.equal(unknownCol.ok, false);
  assert.match(unknownCol.problems[0]!.message, /unknown column/);
});

test('a clean xlsx imports every row in one go', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  ws.addRow(['类型', '姓名', '电话', '户号', '用水地址', '立户日期']);
  ws.addRow(['个人', '陈静', '13655556666', '40040001', '余杭区一号', new Date(Date.UTC(2021, 4, 6))]);
  ws.addRow(['单位', '余杭区自来水厂', '0571-86001234/0571-86001235', '40040002', '余杭区二号', '2019/3/1']);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const sheet = await readXlsx(buf);
  assert.ok(sheet.ok);
  const r = await importCustomers(store, sheet.rows, { schemaId: 'water' });
  assert.deepEqual(r.problems, []);
  assert.equal(r.imported, 2);
  const pop = await lookupByPhone(store, '0571-86001235');
  assert.equal(pop.customers[0]?.name, '余杭区自来水厂');
  assert.equal(pop.customers[0]?.phones.length, 2);
  assert.equal((await lookupByAccount(store, '40040001'))?.customers[0]?.accounts[0]?.data.openedOn, '2021-05-06');
  assert.equal((await readXlsx(Buffer.from('not xlsx'))).ok, false);
});
