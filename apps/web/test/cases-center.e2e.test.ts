/** The center's screens on the demo cases: work lists, arbitration, extension approval, leader metrics, English. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageErrors, screenshot, setupWebEnv, skip } from './browser.ts';
import { act, as, pick, radio, row } from './cases-helpers.ts';

const env = setupWebEnv();

/** Raw codes that must never reach a Chinese screen. */
const RAW = /\b(in_progress|to_sign|registered|returned|working_days|lead|undefined|NaN)\b/;

test('agent: work lists with counts, labels, countdowns and overdue rows', { skip }, async () => {
  const page = await as(env, 'agent1', 'hotline-agent');
  await page.getByRole('menuitem', { name: '工单中心' }).click();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await row(page, '路灯不亮已经一周').waitFor();
  // The counts arrive in their own request: wait for the badge rather than read it once.
  await page
    .getByTestId('queue-to_dispatch')
    .filter({ hasText: /待派单\s*2/ })
    .waitFor();
  await screenshot(page, 'cases-center-to-dispatch-zh');
  // The second burst-main call is a duplicate within an incident: it links to its parent case.
  await page
    .locator('.ant-table-tbody tr.ant-table-row', { hasText: '和平路路面冒水' })
    .first()
    .getByTestId('case-link')
    .click();
  await page.getByTestId('case-intake').getByText('关联突发事件').waitFor();
  await page.getByTestId('parent-case').click();
  await page.getByTestId('case-parties').getByText('市水务集团').waitFor();
  await page.getByRole('menuitem', { name: '工单中心' }).click();
  await page.getByTestId('queue-overdue').click();
  await row(page, '水压很低，高层无水').waitFor();
  const overdue = row(page, '水压很低，高层无水');
  assert.match((await overdue.textContent()) ?? '', /超 \d+天/);
  assert.ok((await overdue.locator('[data-clock=overdue]').count()) >= 1, 'overdue clock shown red');
  await screenshot(page, 'cases-center-overdue-zh');
  await page.getByTestId('queue-all').click();
  await row(page, '夜间施工噪声扰民').waitFor();
  assert.ok((await rows.count()) >= 12, 'all demo cases listed');
  const text = (await page.locator('.ant-table-tbody').textContent()) ?? '';
  assert.doesNotMatch(text, RAW);
  for (const label of ['主办·市水务集团', '协办·东城区人民政府', '已办结', '退单待仲裁', '延期待审批']) {
    assert.ok(text.includes(label), `all-cases list lacks ${label}`);
  }
  await screenshot(page, 'cases-center-all-zh');
  // The agent may urge, but arbitration is a supervisor's decision.
  await page.getByTestId('queue-returned').click();
  await row(page, '楼顶违章搭建阳光房').getByTestId('case-link').click();
  await page.getByTestId('action-urge').waitFor();
  assert.equal(await page.getByTestId('action-arbitrate').count(), 0);
  assert.deepEqual(pageErrors(page), []);
});

test('supervisor: arbitrates a return by re-dispatching, approves an extension', { skip }, async () => {
  const page = await as(env, 'banzhang', 'hotline-super');
  await page.getByRole('menuitem', { name: '工单中心' }).click();
  await page.getByTestId('queue-returned').click();
  await row(page, '楼顶违章搭建阳光房').getByTestId('case-link').click();
  const parties = page.getByTestId('case-parties');
  await parties.getByText('非本单位职责：违建查处属城管职责').waitFor();
  await screenshot(page, 'cases-returned-zh');
  await act(page, 'action-arbitrate', async (d) => {
    await radio(d, '改派');
    await pick(page, '改派单位', '市城市管理局', d);
    await d.getByLabel('备注').fill('违建查处由城管主办');
  });
  await parties.getByText('市城市管理局').waitFor();
  assert.equal(await parties.getByText('已撤回').count(), 1);
  await page.getByTestId('case-timeline').getByText('改派 → 市城市管理局').waitFor();

  await page.getByRole('menuitem', { name: '工单中心' }).click();
  await page.getByTestId('queue-extension').click();
  await row(page, '水表走字异常').getByTestId('case-link').click();
  await page.getByText('需等待表具检定').first().waitFor();
  const before = (await parties.locator('tr', { hasText: '市水务集团' }).textContent()) ?? '';
  await act(page, 'action-extension', async (d) => {
    await d.getByText('3 个工作日').waitFor();
    await radio(d, '同意');
  });
  await page.getByText('已同意').first().waitFor();
  const after = (await parties.locator('tr', { hasText: '市水务集团' }).textContent()) ?? '';
  assert.notEqual(after, before, 'the approved extension moves the finish deadline');
  await screenshot(page, 'cases-extension-approved-zh');
  assert.deepEqual(pageErrors(page), []);
});

test('leader: the six metrics with formulas, by department/category/region/period, with charts', { skip }, async () => {
  const page = await as(env, 'leader', 'hotline-leader');
  await page.getByRole('menuitem', { name: '考核指标' }).click();
  for (const name of ['及时签收率', '按时办结率', '退单率', '回访率', '回访满意率', '解决率']) {
    await page.getByTestId('metric-cards').getByText(name, { exact: true }).waitFor();
  }
  await page
    .getByTestId('metric-returnRate')
    .getByText(/至少退单一次/)
    .waitFor();
  await page
    .getByTestId('metric-returnRate')
    .getByText(/\d+\.\d%/)
    .waitFor();
  assert.equal(await page.getByTestId('formula').count(), 6);
  assert.match(
    (await page.getByTestId('metric-returnRate').textContent()) ?? '',
    /公式：至少退单一次的派单数 ÷ 派单数/,
  );
  assert.match((await page.getByTestId('metric-returnRate').textContent()) ?? '', /\d+\.\d%.*= \d+ ÷ \d+/);
  await page.getByTestId('metrics-chart').locator('canvas').waitFor();
  await page.getByTestId('metrics-table').getByText('市水务集团').waitFor();
  await screenshot(page, 'cases-metrics-department-zh');
  await page.getByText('按分类', { exact: true }).click();
  await page.getByTestId('metrics-table').getByText('供水').waitFor();
  await page.getByText('按区域', { exact: true }).click();
  await page.getByTestId('metrics-table').getByText('东城区人民政府').waitFor();
  await page.getByText('按时段', { exact: true }).click();
  await page
    .getByTestId('metrics-table')
    .locator('td', { hasText: /^\d{4}-\d{2}-\d{2}$/ })
    .first()
    .waitFor();
  await page.getByTestId('metrics-chart').locator('canvas').waitFor();
  await screenshot(page, 'cases-metrics-period-zh');
  assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /NaN|undefined|timelySign/);
  assert.deepEqual(pageErrors(page), []);
});

test('English: case center and a case in English', { skip }, async () => {
  const page = await as(env, 'agent1', 'hotline-agent');
  await page.getByTestId('lang-switch').click();
  await page.getByRole('menuitem', { name: 'Case center' }).click();
  await page.getByTestId('queue-to_dispatch').getByText('To dispatch').waitFor();
  await page.getByTestId('queue-all').click();
  await row(page, '夜间施工噪声扰民').waitFor();
  const header = (await page.locator('.ant-table-thead').textContent()) ?? '';
  assert.doesNotMatch(header, /[\u4e00-\u9fff]/, 'no Chinese in English column headers');
  await screenshot(page, 'cases-center-all-en');
  await row(page, '夜间施工噪声扰民').getByTestId('case-link').click();
  await page.getByText('Departments and clocks').waitFor();
  await page.getByTestId('case-timeline').getByText('Reply reviewed').waitFor();
  await page.getByText('Construction noise', { exact: false }).first().waitFor();
  await screenshot(page, 'cases-detail-en');
  await page.getByRole('menuitem', { name: 'New case' }).click();
  await page.getByText('Pick a category to see the signing and completion limits').waitFor();
  await page.getByRole('radio', { name: 'Complaint' }).waitFor({ state: 'attached' });
  await screenshot(page, 'cases-register-en');
  assert.deepEqual(pageErrors(page), []);
});
