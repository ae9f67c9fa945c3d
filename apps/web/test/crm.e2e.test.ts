import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, newPage, pageErrors, setupWebEnv, shot, skip } from './browser.ts';

const env = setupWebEnv();

/** Customers the API finds for a query, with the page's session (what the DB holds, not what the UI shows). */
async function apiSearch(page: Page, q: string): Promise<string[]> {
  const r = await page.request.get(`${env.url}/api/v1/crm/customers?q=${encodeURIComponent(q)}`);
  assert.equal(r.status(), 200);
  return ((await r.json()) as { customers: { name: string }[] }).customers.map((c) => c.name);
}

test('screen pop: an agent looks up a caller number and an IVR account; a blacklisted number warns', {
  skip,
}, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'agent1', 'hotline-agent');
  const menu = (await page.getByRole('menu').textContent()) ?? '';
  assert.ok(menu.includes('来电弹屏') && menu.includes('客户资料') && menu.includes('黑白名单'), menu);
  assert.ok(!menu.includes('客户导入'), 'agents may not import');
  await page.getByRole('menuitem', { name: '来电弹屏' }).click();
  await page.getByText('输入来电号码或户号').waitFor();
  await page.getByTestId('pop-input').locator('input').fill('+86 138 0013 8000');
  await page.getByTestId('pop-input').locator('input').press('Enter');
  await page.getByTestId('pop-region').waitFor();
  assert.equal(await page.getByTestId('pop-region').textContent(), '北京市');
  const caller = (await page.getByTestId('pop-caller').textContent()) ?? '';
  assert.match(caller, /来电区域/);
  assert.match(caller, /手机/);
  assert.match(caller, /中国移动/);
  const matches = page.getByTestId('pop-matches');
  await matches.getByRole('link', { name: '张伟' }).waitFor();
  assert.match((await matches.textContent()) ?? '', /供水户号 10010001/);
  assert.match((await matches.textContent()) ?? '', /M-2019-00123/);
  assert.match((await page.getByTestId('contact-timeline').textContent()) ?? '', /反映小区停水/);
  await shot(page, 'crm-screen-pop-zh');

  await page.goto(`${env.url}/crm/screen-pop?number=13300001111`);
  await page.getByTestId('pop-black').waitFor();
  assert.match((await page.getByTestId('pop-black').textContent()) ?? '', /恶意骚扰电话/);
  await page.getByText('未匹配到客户资料').waitFor();
  await page.getByTestId('pop-create').waitFor();
  await shot(page, 'crm-screen-pop-black-zh');

  await page.getByText('按户号').click();
  await page.getByTestId('pop-input').locator('input').fill('10010002');
  await page.getByTestId('pop-input').locator('input').press('Enter');
  await page.getByTestId('pop-matches').getByRole('link', { name: '王芳' }).waitFor();
  assert.match((await page.getByTestId('pop-matches').textContent()) ?? '', /126\.5/);
  assert.deepEqual(pageErrors(page), []);
});

test('customers: search, detail with region and lists, edit an account, its history, create and edit a customer', {
  skip,
}, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'agent1', 'hotline-agent');
  await page.goto(`${env.url}/crm/customers`);
  await page.getByText('输入姓名、电话、户号或证件号码查询客户').waitFor();
  const box = page.getByTestId('customer-search').locator('input');
  await box.fill('0571-86661234');
  await box.press('Enter');
  await page.getByRole('cell', { name: /滨江区第一幼儿园/ }).waitFor();
  await shot(page, 'crm-customers-zh');
  await page.getByRole('cell', { name: /滨江区第一幼儿园/ }).click();
  await page.getByTestId('customer-phones').getByTestId('list-tag-vip').waitFor();
  assert.match((await page.getByTestId('customer-phones').textContent()) ?? '', /浙江省杭州市/);

  await box.waitFor({ state: 'detached' });
  await page.goto(`${env.url}/crm/customers`);
  await page.getByTestId('customer-search').locator('input').fill('10010002');
  await page.getByTestId('customer-search').locator('input').press('Enter');
  await page.getByRole('cell', { name: /王芳/ }).click();
  const account = page.getByTestId('account-10010002');
  await account.waitFor();
  assert.match((await account.textContent()) ?? '', /欠费金额126\.5/);
  assert.match((await page.getByTestId('contact-timeline').textContent()) ?? '', /咨询水费欠费与滞纳金/);
  await shot(page, 'crm-customer-detail-zh');

  await account.getByRole('button', { name: /编\s*辑/ }).click();
  const form = page.getByTestId('account-form');
  await form.getByLabel('欠费金额').fill('0');
  await form.getByLabel('变更原因').fill('已缴清欠费');
  await shot(page, 'crm-account-form-zh');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.getByTestId('account-10010002').getByText('欠费金额').waitFor();
  assert.match((await page.getByTestId('account-10010002').textContent()) ?? '', /欠费金额0/);
  await page.getByTestId('account-10010002').getByRole('button', { name: '变更记录' }).click();
  const history = page.getByTestId('account-history');
  await history.getByText('已缴清欠费').waitFor();
  const text = (await history.textContent()) ?? '';
  assert.match(text, /李娜/);
  assert.match(text, /欠费金额：126\.5 → 0/);
  assert.match(text, /立户/);
  await shot(page, 'crm-account-history-zh');
  await page.keyboard.press('Escape');

  await page.goto(`${env.url}/crm/customers`);
  await page.getByTestId('customer-new').click();
  const cf = page.getByTestId('customer-form');
  await cf.getByLabel('姓名/名称').fill('孙丽');
  await cf.getByTestId('phone-input').first().fill('021-6543 2100');
  await cf.getByLabel('地址').fill('西湖区教工路18号');
  await shot(page, 'crm-customer-create-zh');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByRole('heading', { name: '孙丽' }).waitFor();
  assert.match((await page.getByTestId('customer-phones').textContent()) ?? '', /上海市/);
  await page.getByTestId('customer-edit').click();
  await page.getByTestId('customer-form').getByLabel('备注').fill('老年人，听力不好，请放慢语速');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByTestId('customer-basic').getByText('老年人，听力不好，请放慢语速').waitFor();
  assert.equal(await page.getByRole('button', { name: /删\s*除/ }).count(), 0, 'agents may not delete');
  assert.deepEqual(await apiSearch(page, '孙丽'), ['孙丽']);
  // a bad phone is refused with the reason in Chinese and nothing changes
  await page.getByTestId('customer-edit').click();
  await page.getByTestId('customer-form').getByTestId('phone-input').first().fill('999');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByText(/电话号码无效：999/).waitFor();
  assert.deepEqual(pageErrors(page), []);
});

test('import: a file with bad rows shows every bad row and imports nothing; a good file imports', {
  skip,
}, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'banzhang', 'hotline-super');
  await page.getByRole('menuitem', { name: '客户导入' }).click();
  await page.getByText('校验并导入').waitFor();
  const bad = [
    '类型,姓名,电话,证件号码,地址,户号,用水地址,欠费金额',
    '个人,赵磊,13612340001,,拱墅区湖墅南路1号,30010001,拱墅区湖墅南路1号,0',
    '个人,,13612340002,,拱墅区湖墅南路2号,30010002,拱墅区湖墅南路2号,0',
    '个人,钱敏,999,,拱墅区湖墅南路3号,30010003,拱墅区湖墅南路3号,0',
    '居委会,孙浩,13612340004,,拱墅区湖墅南路4号,30010004,拱墅区湖墅南路4号,0',
    '个人,李静,13612340005,,拱墅区湖墅南路5号,30010005,,十元',
  ].join('\n');
  await page.getByTestId('import-schema').click();
  await page.getByTitle('供水户号').click();
  await page.locator('input[type=file]').setInputFiles({
    name: '客户清单-错误.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${bad}\n`, 'utf8'),
  });
  await page.getByTestId('import-file').getByText('客户清单-错误.csv').waitFor();
  await page.getByTestId('import-run').click();
  const report = page.getByTestId('import-report');
  await report.waitFor();
  const text = (await report.textContent()) ?? '';
  assert.match(text, /校验未通过：4 行共 5 处问题，未导入任何数据/);
  assert.match(text, /文件共 5 行数据，其中 1 行无误/);
  for (const row of [3, 4, 5, 6]) assert.match(text, new RegExp(`第 ${row} 行`));
  assert.doesNotMatch(text, /第 2 行/);
  assert.match(text, /姓名不能为空/);
  assert.match(text, /电话号码无效：999（位数不足）/);
  assert.match(text, /客户类型应为“个人”或“单位”：居委会/);
  assert.match(text, /用水地址不能为空/);
  assert.match(text, /欠费金额必须是数字/);
  await shot(page, 'crm-import-report-zh');
  // nothing was written, not even the good row
  assert.deepEqual(await apiSearch(page, '13612340001'), []);
  assert.deepEqual(await apiSearch(page, '30010001'), []);

  const good = [
    '类型,姓名,电话,证件号码,地址,户号,用水地址,欠费金额',
    '个人,赵磊,13612340001,,拱墅区湖墅南路1号,30010001,拱墅区湖墅南路1号,0',
    '单位,湖墅南路菜场,0571-85550002,,拱墅区湖墅南路2号,30010002,拱墅区湖墅南路2号,35.2',
  ].join('\n');
  await page.locator('input[type=file]').setInputFiles({
    name: '客户清单.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(good, 'utf8'),
  });
  await page.getByTestId('import-file').getByText('客户清单.csv').waitFor();
  await page.getByTestId('import-run').click();
  await page.getByTestId('import-success').getByText('已导入 2 位客户').waitFor();
  await shot(page, 'crm-import-success-zh');
  assert.deepEqual(await apiSearch(page, '13612340001'), ['赵磊']);
  assert.deepEqual(await apiSearch(page, '30010002'), ['湖墅南路菜场']);
  // a supervisor may delete a customer (audited); agents do not see the button
  await page.goto(`${env.url}/crm/customers`);
  await page.getByTestId('customer-search').locator('input').fill('赵磊');
  await page.getByTestId('customer-search').locator('input').press('Enter');
  await page.getByRole('cell', { name: /赵磊/ }).click();
  await page.getByRole('button', { name: /删\s*除/ }).click();
  await page
    .getByRole('tooltip')
    .getByRole('button', { name: /删\s*除/ })
    .click();
  await page.getByText('输入姓名、电话、户号或证件号码查询客户').waitFor();
  assert.deepEqual(await apiSearch(page, '13612340001'), []);
  assert.deepEqual(pageErrors(page), []);
});

test('lists: a supervisor adds a VIP with reason and expiry, then removes it with a reason (audited)', {
  skip,
}, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'banzhang', 'hotline-super');
  await page.getByRole('menuitem', { name: '黑白名单' }).click();
  const table = page.getByTestId('list-table');
  await table.getByRole('cell', { name: '恶意骚扰电话，一天内拨打50次' }).waitFor();
  assert.match((await table.textContent()) ?? '', /13300001111/);
  assert.match((await table.textContent()) ?? '', /提示话务员/);
  await shot(page, 'crm-lists-black-zh');
  await page.getByRole('tab', { name: 'VIP' }).click();
  await table.getByRole('cell', { name: '幼儿园，停水须优先处理' }).waitFor();
  await page.getByTestId('list-add').click();
  const form = page.getByTestId('list-form');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await form.getByText('必填', { exact: true }).first().waitFor();
  await form.getByLabel('号码').fill('0571-87001234');
  await form.getByLabel('原因').fill('区防汛指挥部值班电话');
  await form.getByLabel('到期时间').click();
  await form.getByLabel('到期时间').fill('2031-06-30 18:00');
  await form.getByLabel('到期时间').press('Enter');
  await shot(page, 'crm-lists-add-zh');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  const row = table.getByRole('row', { name: /区防汛指挥部值班电话/ });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /057187001234/);
  assert.match((await row.textContent()) ?? '', /2031-06-30 18:00/);
  assert.match((await row.textContent()) ?? '', /优先排队/);
  await shot(page, 'crm-lists-vip-zh');
  await row.getByRole('button', { name: /移\s*除/ }).click();
  await page.getByRole('dialog').getByLabel('移除原因（记入审计日志）').fill('汛期结束');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /移\s*除/ })
    .click();
  await row.waitFor({ state: 'detached' });

  const agent = await newPage(env);
  await loginAs(agent, env.url, 'agent1', 'hotline-agent');
  await agent.goto(`${env.url}/crm/lists`);
  await agent.getByRole('cell', { name: '恶意骚扰电话，一天内拨打50次' }).waitFor();
  assert.equal(await agent.getByTestId('list-add').count(), 0, 'agents only read the lists');

  const me = ((await (await page.request.get(`${env.url}/api/v1/auth/me`)).json()) as { user: { id: string } }).user;
  const admin = await newPage(env);
  await loginAs(admin, env.url, 'admin', 'hotline-admin');
  const audit = await admin.request.get(`${env.url}/api/v1/audit?action=crm.list.vip.remove`);
  const rows = ((await audit.json()) as { rows: { actorId: string | null; details: unknown }[] }).rows;
  assert.equal(rows[0]?.actorId, me.id);
  assert.deepEqual(rows[0]?.details, { reason: '汛期结束' });
  assert.deepEqual(pageErrors(page), []);
});

test('the screen pop in English', { skip }, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'agent1', 'hotline-agent');
  await page.getByTestId('lang-switch').click();
  await page.goto(`${env.url}/crm/screen-pop?number=0571-86661234`);
  await page.getByText('Caller region').waitFor();
  assert.match((await page.getByTestId('pop-caller').textContent()) ?? '', /Landline/);
  await page.getByTestId('pop-matches').getByRole('link', { name: '滨江区第一幼儿园' }).waitFor();
  await shot(page, 'crm-screen-pop-en');
  assert.deepEqual(pageErrors(page), []);
});
