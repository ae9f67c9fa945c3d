/** Incidents (突发事件): a supervisor declares one, links a case to it from the case page, sees it, resolves it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageErrors, setupWebEnv, shot, skip } from './browser.ts';
import { act, as, pick, row } from './cases-helpers.ts';

const env = setupWebEnv();

const RAW = /\b(burst_main|planned_outage|open|resolved|undefined|NaN|incidents\.)\b/;

test('a supervisor declares an incident, links a case from its page, sees it in the detail and resolves it', {
  skip,
}, async () => {
  const page = await as(env, 'banzhang', 'hotline-super');
  await page.getByRole('menuitem', { name: '突发事件' }).click();
  // The demo's burst main groups two calls; the planned outage none yet.
  await row(page, '和平路DN300供水管爆管').waitFor();
  assert.match((await row(page, '和平路DN300供水管爆管').textContent()) ?? '', /爆管.*东城区和平街道.*2/);
  assert.match((await row(page, '城北街道管网改造计划停水').textContent()) ?? '', /计划停水/);
  assert.doesNotMatch((await page.getByTestId('incident-table').textContent()) ?? '', RAW);
  await shot(page, 'incidents-list-zh');

  await page.getByTestId('incident-new').click();
  const drawer = page.getByTestId('incident-form');
  await page.getByTestId('incident-title').fill('和平路电缆抢修致路灯熄灭');
  await pick(page, '类型', '其他', drawer);
  await pick(page, '区', '东城区', drawer);
  await pick(page, '街道', '和平街道', drawer);
  await pick(page, '相关诉求分类', '市政设施', drawer);
  await page.keyboard.press('Escape');
  await page.getByTestId('incident-notice').fill('电力抢修中，预计今晚22:00前恢复照明');
  await page.getByTestId('incident-ends').fill('not a time');
  await page.getByTestId('incident-save').click();
  await drawer.getByText('格式为 年-月-日 时:分').waitFor();
  await page.getByTestId('incident-ends').fill('');
  await shot(page, 'incidents-form-zh');
  await page.getByTestId('incident-save').click();
  await page.getByTestId('incident-facts').waitFor();
  assert.match(
    (await page.getByTestId('incident-facts').textContent()) ?? '',
    /处置中.*其他.*东城区.*未结束.*市政设施/,
  );
  await page.getByTestId('incident-cases').getByText('还没有关联的工单').waitFor();

  // Link a demo case (a street light out on the same street) from its page: the incident is offered first.
  await page.getByRole('menuitem', { name: '工单中心' }).click();
  await row(page, '路灯不亮已经一周').getByTestId('case-link').click();
  await act(page, 'action-link_incident', async (d) => {
    await d.getByTestId('link-incident').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
      hasText: '和平路电缆抢修致路灯熄灭（匹配）',
    });
    await option.waitFor();
    await shot(page, 'incidents-link-from-case-zh');
    await option.click();
  });
  await page.getByTestId('case-incident').click();
  const cases = page.getByTestId('incident-cases');
  await cases.getByText('路灯不亮已经一周').waitFor();
  assert.match((await page.getByTestId('incident-linked').textContent()) ?? '', /1 件，未办结 1 件/);
  await shot(page, 'incidents-detail-zh');

  await page.getByTestId('incident-resolve').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '结束事件' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('incident-reopen').waitFor();
  assert.match((await page.getByTestId('incident-facts').textContent()) ?? '', /已结束.*结束时间\d{4}-\d{2}-\d{2}/);
  await cases.getByText('路灯不亮已经一周').waitFor();
  await shot(page, 'incidents-resolved-zh');

  // The case opens from the incident.
  await cases.getByRole('link').first().click();
  await page.getByTestId('case-incident').waitFor();
  assert.deepEqual(pageErrors(page), []);
});

test('agents and leaders read incidents but neither declare nor resolve; English', { skip }, async () => {
  const leader = await as(env, 'leader', 'hotline-leader', 'en');
  await leader.getByTestId('lang-switch').waitFor();
  if (!((await leader.getByRole('menu').textContent()) ?? '').includes('Incidents')) {
    await leader.getByTestId('lang-switch').click();
  }
  await leader.getByRole('menuitem', { name: 'Incidents' }).click();
  await row(leader, 'DN300').waitFor();
  assert.equal(await leader.getByTestId('incident-new').count(), 0);
  await leader.getByTestId('incident-status-filter').getByText('All').click();
  await row(leader, '和平路电缆抢修致路灯熄灭').waitFor();
  assert.match((await row(leader, '和平路电缆抢修致路灯熄灭').textContent()) ?? '', /Other.*Resolved/);
  await shot(leader, 'incidents-list-en');
  await row(leader, 'DN300').getByRole('link').click();
  await leader.getByTestId('incident-cases').locator('.ant-table-row').nth(1).waitFor();
  assert.equal(await leader.getByTestId('incident-resolve').count(), 0);
  assert.equal(await leader.getByTestId('incident-edit').count(), 0);
  assert.match((await leader.getByTestId('incident-facts').textContent()) ?? '', /Open.*Burst main/);
  await shot(leader, 'incidents-detail-en');
  assert.deepEqual(pageErrors(leader), []);

  const department = await as(env, 'water', 'hotline-dept');
  assert.ok(!((await department.getByRole('menu').textContent()) ?? '').includes('突发事件'));
});
