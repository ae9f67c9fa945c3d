/** The public citizen portal: submit without logging in, follow by number plus phone, English. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPage, pageErrors, screenshot, setupWebEnv, skip } from './browser.ts';
import { as, cascade, pick, row } from './cases-helpers.ts';

const env = setupWebEnv();

test('a citizen submits a request and follows it; a wrong phone finds nothing; the center sees it', {
  skip,
}, async () => {
  const page = await newPage(env);
  await page.goto(`${env.url}/portal`);
  await page.getByText('12319 城建热线 · 市民诉求').waitFor();
  assert.equal(await page.locator('#username').count(), 0, 'no login form on the portal');
  await cascade(page, '问题分类', ['市政设施', '道路', '路面破损']);
  await page.getByLabel('您的称呼').fill('陈先生');
  await page.getByLabel('手机号码').fill('13712345678');
  await pick(page, '所在区县', '西城区');
  await pick(page, '所在街道', '西城区城北街道');
  await page.getByLabel('详细地址').fill('城北路与建设路交叉口');
  await page.getByLabel('问题描述').fill('路面塌陷一个大坑，晚上看不清容易摔倒');
  await screenshot(page, 'portal-submit-zh');
  await page.getByTestId('portal-submit').click();
  await page.getByText('诉求已受理').waitFor();
  const number = /(\d{5}-\d{8}-\d{4})/.exec((await page.getByTestId('portal-number').textContent()) ?? '')?.[1];
  assert.ok(number, 'a case number is shown');
  await screenshot(page, 'portal-submitted-zh');

  await page.getByRole('button', { name: '查询这件工单' }).click();
  await page.getByTestId('follow-result').getByText('已受理').first().waitFor();
  assert.match((await page.getByTestId('follow-result').textContent()) ?? '', new RegExp(number));
  await screenshot(page, 'portal-follow-zh');
  await page.getByLabel('手机号码').fill('13700000000');
  await page.getByTestId('follow-submit').click();
  await page.getByText('没有找到编号与手机号相符的工单').waitFor();

  // English, the same portal.
  await page.getByTestId('portal-lang').click();
  await page.getByRole('tab', { name: 'Follow a case' }).waitFor();
  await page.getByLabel('Mobile number').fill('13712345678');
  await page.getByTestId('follow-submit').click();
  await page.getByTestId('follow-result').getByText('Received').first().waitFor();
  await screenshot(page, 'portal-follow-en');
  assert.deepEqual(pageErrors(page), []);

  // The center finds it in its to-dispatch list, channel web.
  const agent = await as(env, 'agent1', 'hotline-agent');
  await agent.getByRole('menuitem', { name: '工单中心' }).click();
  await row(agent, '路面塌陷一个大坑').getByTestId('case-link').click();
  await agent.getByTestId('case-intake').getByText('网站').waitFor();
  await agent.getByTestId('case-intake').getByText('西城区 · 西城区城北街道').waitFor();
});
