import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loginAs, newPage, pageErrors, screenshot, setupWebEnv, skip } from './browser.ts';

const env = setupWebEnv();

test('login page in Chinese; a wrong password shows the error', { skip }, async () => {
  const page = await newPage(env);
  await page.goto(env.url);
  await page.getByText('登录热线平台').waitFor();
  await screenshot(page, 'login-zh');
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('wrong-password');
  await page.locator('button[type=submit]').click();
  await page.getByTestId('login-error').waitFor();
  assert.match((await page.getByTestId('login-error').textContent()) ?? '', /用户名或密码错误/);
  assert.deepEqual(pageErrors(page), []);
});

test('admin logs in and sees every admin screen', { skip }, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'admin', 'hotline-admin');
  // Outside November/December there is no calendar warning …
  await page.clock.setFixedTime(new Date('2098-03-02T10:00:00+08:00'));
  await page.getByRole('menuitem', { name: '系统概览' }).click();
  await page.getByText('启用用户数').waitFor();
  await page.getByTestId('activity-chart').locator('canvas').waitFor();
  assert.equal(await page.getByTestId('calendar-gap').count(), 0);
  // … in November it warns that next year's holidays (2099: no statutory data) are not entered.
  await page.clock.setFixedTime(new Date('2098-11-20T10:00:00+08:00'));
  await page.reload();
  await page.getByTestId('calendar-gap').getByText('2099 年法定节假日安排尚未录入').waitFor();
  await page.getByTestId('activity-chart').locator('canvas').waitFor();
  await screenshot(page, 'admin-overview-zh');
  await page.getByRole('menuitem', { name: '用户与角色' }).click();
  await page.getByRole('cell', { name: 'banzhang' }).waitFor();
  await screenshot(page, 'admin-users-zh');
  await page.getByTestId('user-new').click();
  await page.getByRole('dialog').getByText('新建用户').waitFor();
  await page.locator('#username').fill('agent7');
  await page.locator('#displayName').fill('周敏');
  await page.locator('#password').fill('agent7-password');
  await screenshot(page, 'admin-user-create-zh');
  await page.getByRole('dialog').getByRole('button', { name: '保 存' }).click();
  await page.getByRole('cell', { name: 'agent7' }).waitFor();
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await page.getByText('东城区和平街道').waitFor();
  await screenshot(page, 'admin-departments-zh');
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.getByRole('cell', { name: 'user.create' }).first().waitFor();
  await screenshot(page, 'admin-audit-zh');
  await page.getByRole('menuitem', { name: '我的账户' }).click();
  await page.getByText('API 令牌（系统对接）').waitFor();
  await screenshot(page, 'account-zh');
  assert.deepEqual(pageErrors(page), []);
});

test('the English switch translates the shell', { skip }, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'admin', 'hotline-admin');
  await page.getByTestId('lang-switch').click();
  await page.getByRole('menuitem', { name: 'Overview' }).click();
  await page.getByText('Active users').waitFor();
  await page.getByRole('menuitem', { name: 'Users & roles' }).click();
  await page.getByRole('columnheader', { name: 'Username' }).waitFor();
  await screenshot(page, 'admin-users-en');
  assert.deepEqual(pageErrors(page), []);
});

test('an agent sees only what the role allows', { skip }, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'agent1', 'hotline-agent');
  const menu = await page.getByRole('menu').textContent();
  assert.ok(!menu?.includes('用户与角色'), 'agent must not see user admin');
  await page.goto(`${env.url}/admin/users`);
  await page.waitForURL((u) => !u.pathname.startsWith('/admin'));
  await screenshot(page, 'agent-home-zh');
  assert.deepEqual(pageErrors(page), []);
});
