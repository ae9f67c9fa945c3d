/** The remaining center and leader actions on demo cases: direct answer and close, urge, send a reply back, supervise, instruct. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageErrors, screenshot, setupWebEnv, skip } from './browser.ts';
import { act, as, radio, row } from './cases-helpers.ts';

const env = setupWebEnv();

test('agent: answers a case directly and closes it; urges a department; sends a reply back', { skip }, async () => {
  const page = await as(env, 'agent1', 'hotline-agent');
  await page.getByRole('menuitem', { name: '工单中心' }).click();
  await row(page, '路灯不亮已经一周').getByTestId('case-link').click();
  await act(page, 'action-answer', async (d) =>
    d.getByLabel('答复内容').fill('已告知路灯报修流程，市民表示自行联系物业'),
  );
  await page.getByText('已直接答复').first().waitFor();
  await act(page, 'action-close', async (d) => radio(d, '直接答复办结'));
  await page.getByTestId('case-timeline').getByText('直接答复办结').waitFor();
  await screenshot(page, 'cases-answered-closed-zh');

  await page.getByRole('menuitem', { name: '工单中心' }).click();
  await page.getByTestId('queue-all').click();
  await row(page, '餐饮油烟直排').getByTestId('case-link').click();
  await act(page, 'action-urge', async (d) => d.getByLabel('内容').fill('请加快处理，市民多次来电'));
  await page.getByTestId('case-timeline').getByText('请加快处理，市民多次来电').waitFor();

  await page.getByRole('menuitem', { name: '工单中心' }).click();
  await page.getByTestId('queue-to_review').click();
  await row(page, '道路保洁不到位').getByTestId('case-link').click();
  await act(page, 'action-review', async (d) => {
    await d.getByText('已安排保洁员加密清扫').waitFor();
    await radio(d, '退回重办');
    await d.getByLabel('审核意见').fill('回复未说明清扫频次和整改时限');
  });
  await page.getByTestId('case-timeline').getByText('市城市管理局 · 退回重办').waitFor();
  assert.equal(await page.getByTestId('case-parties').getByText('办理中').count(), 1, 'the party works again');
  await page.getByTestId('case-parties').getByText('退回重办').waitFor();
  assert.equal(await page.getByTestId('case-parties').getByText('按时').count(), 1, 'only the sign clock has stopped');
  await screenshot(page, 'cases-sent-back-zh');
  assert.deepEqual(pageErrors(page), []);
});

test('leader: supervises and instructs on an overdue case', { skip }, async () => {
  const page = await as(env, 'leader', 'hotline-leader');
  await page.getByRole('menuitem', { name: '工单中心' }).click();
  await page.getByTestId('queue-overdue').click();
  await row(page, '水压很低，高层无水').getByTestId('case-link').click();
  assert.equal(await page.getByTestId('action-dispatch').count(), 0, 'leaders do not dispatch');
  await act(page, 'action-supervise', async (d) => d.getByLabel('内容').fill('高层停水影响大，请今日内解决'));
  await act(page, 'action-instruct', async (d) => d.getByLabel('批示内容').fill('水务集团主要负责人督促落实'));
  await page.getByTestId('case-timeline').getByText('领导批示').waitFor();
  await page.getByTestId('case-timeline').getByText('高层停水影响大，请今日内解决').waitFor();
  await screenshot(page, 'cases-leader-instructed-zh');
  assert.deepEqual(pageErrors(page), []);
});
