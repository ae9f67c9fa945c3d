/**
 * The full work-order loop in the browser: the center registers and dispatches (lead + co), each
 * department signs and replies, the center reviews both replies, records the callback and closes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageErrors, screenshot, setupWebEnv, skip } from './browser.ts';
import { act, as, cascade, pick, radio } from './cases-helpers.ts';

const env = setupWebEnv();

test('center registers and dispatches → departments sign and reply → center reviews, calls back, closes', {
  skip,
}, async () => {
  // 1. Agent registers a confidential repair case; the form shows the category's time limit.
  const agent = await as(env, 'agent1', 'hotline-agent');
  await agent.getByRole('menuitem', { name: '工单登记' }).click();
  await agent.getByText('选择诉求分类后显示签收与办结时限').waitFor();
  await pick(agent, '来源渠道', '电话');
  await agent.getByLabel('姓名', { exact: true }).fill('李女士');
  await agent.getByLabel('联系电话', { exact: true }).fill('13800009999');
  await agent.getByTestId('confidential').click();
  await radio(agent, '报修');
  await cascade(agent, '诉求分类', ['供水', '水质', '水质浑浊']);
  await agent.getByTestId('time-limit').getByText('5 个工作日').waitFor();
  await pick(agent, '区县', '东城区');
  await pick(agent, '街道', '东城区和平街道');
  await agent.getByLabel('社区', { exact: true }).fill('和平社区');
  await agent.getByLabel('详细地址', { exact: true }).fill('和平路12号3幢');
  await agent.getByLabel('诉求内容', { exact: true }).fill('自来水发黄有异味，已持续两天');
  await agent.getByLabel('诉求人期望', { exact: true }).fill('尽快查明原因');
  await screenshot(agent, 'cases-register-zh');
  await agent.getByTestId('register-submit').click();
  await agent.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = agent.url();
  await agent.getByText('受理登记').waitFor();
  const number = ((await agent.locator('h3').textContent()) ?? '').replace('工单', '').trim();
  assert.match(number, /^12319-\d{8}-\d{4}$/);
  assert.equal(await agent.getByTestId('case-intake').getByText('13800009999').count(), 1, 'center sees the number');

  // 2. Dispatch: 市水务集团 leads, 东城区人民政府 helps.
  await act(agent, 'action-dispatch', async (d) => {
    await pick(agent, '主办单位', '市水务集团', d);
    await pick(agent, '协办单位', '东城区人民政府', d);
    await d.locator('.ant-modal-title').click();
    await d.getByLabel('备注').fill('请水务主办，属地协助');
  });
  await agent.getByTestId('case-parties').getByText('市水务集团').waitFor();
  await agent.getByTestId('case-parties').getByText('东城区人民政府').waitFor();
  assert.equal(await agent.getByTestId('case-parties').getByText('待签收').count(), 2);
  await screenshot(agent, 'cases-dispatched-zh');

  // 3. Each department finds it under 待签收, signs and replies; the caller's number is masked for them.
  for (const [user, reply] of [
    ['water', '已冲洗管网并检测水质，指标合格'],
    ['dongcheng', '街道已上门告知住户并协助排查'],
  ] as const) {
    const dept = await as(env, user, 'hotline-dept');
    await dept.getByRole('menuitem', { name: '部门工单' }).click();
    await dept.getByTestId('queue-to_sign').click();
    await dept.getByRole('link', { name: number }).waitFor();
    if (user === 'water') await screenshot(dept, 'cases-department-to-sign-zh');
    await dept.getByRole('link', { name: number }).click();
    await dept.getByText('138****9999').waitFor();
    assert.equal(await dept.getByText('13800009999').count(), 0, 'confidential number masked');
    await act(dept, 'action-sign');
    await dept.getByTestId('action-reply').waitFor();
    await act(dept, 'action-reply', async (d) => d.getByLabel('办理结果').fill(reply));
    await dept.getByTestId('case-timeline').getByText(reply).waitFor();
    if (user === 'water') await screenshot(dept, 'cases-department-replied-zh');
    assert.deepEqual(pageErrors(dept), []);
    await dept.context().close();
  }

  // 4. The center reviews both replies, records a satisfied callback and closes.
  await agent.getByRole('menuitem', { name: '工单中心' }).click();
  await agent.getByTestId('queue-to_review').click();
  await agent.getByRole('link', { name: number }).click();
  await agent.getByText('已冲洗管网并检测水质，指标合格').first().waitFor();
  for (let i = 0; i < 2; i++) {
    await act(agent, 'action-review', async (d) => {
      await radio(d, '通过');
    });
  }
  await agent.getByTestId('action-callback').waitFor();
  await act(agent, 'action-callback', async (d) => {
    await radio(d, '已联系上');
    await radio(d, '基本满意');
    await d.getByLabel('备注').fill('市民表示水质已恢复');
  });
  await act(agent, 'action-close', async (d) => {
    await radio(d, '回访满意办结');
  });
  await agent.getByText('已办结').first().waitFor();
  const timeline = (await agent.getByTestId('case-timeline').textContent()) ?? '';
  for (const step of ['受理登记', '派单', '签收', '回复', '审核回复', '回访', '办结']) {
    assert.ok(timeline.includes(step), `timeline lacks ${step}`);
  }
  assert.ok(timeline.includes('基本满意'));
  // A closed case has no workflow step left; only record-keeping (linking a later call) remains.
  const left = await agent
    .getByTestId('case-actions')
    .locator('[data-testid^="action-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  assert.deepEqual(left, ['action-link_call'], 'nothing but linking a call on a closed case');
  await screenshot(agent, 'cases-closed-zh');
  assert.equal(agent.url(), caseUrl);
  assert.deepEqual(pageErrors(agent), []);
});
