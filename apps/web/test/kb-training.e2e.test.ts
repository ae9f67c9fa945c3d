import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loginAs, newPage, pageErrors, setupWebEnv, shot, skip } from './browser.ts';

const env = setupWebEnv();

test('an agent takes a training quiz and sees the score, the right answers and the articles; a supervisor sees the results', {
  skip,
}, async () => {
  const agent = await newPage(env);
  await loginAs(agent, env.url, 'agent1', 'hotline-agent');
  const menu = (await agent.getByRole('menu').textContent()) ?? '';
  assert.ok(menu.includes('培训测验'), menu);
  assert.ok(!menu.includes('培训成绩'), 'agents do not see the results of others');
  await agent.getByRole('menuitem', { name: '培训测验' }).click();
  await agent.getByTestId('quiz-mine').getByText('还没有参加过测验').waitFor();
  await agent.getByTestId('quiz-category').click();
  await agent.getByTitle('供水', { exact: true }).click();
  await agent.getByTestId('quiz-count').fill('4');
  const started = agent.waitForResponse((r) => r.url().endsWith('/api/v1/kb/quiz-attempts') && r.status() === 201);
  await agent.getByTestId('quiz-start').click();
  const body = await (await started).text();
  assert.doesNotMatch(body, /"answer"|"articleId"/, 'the browser never receives the key before submitting');
  const questions = agent.getByTestId('quiz-questions');
  await questions.waitFor();
  assert.match((await questions.textContent()) ?? '', /供水 · 4 题/);
  for (let i = 0; i < 3; i++) await agent.getByTestId(`quiz-q-${i}`).getByRole('radio').first().check();
  await agent.getByText('还有 1 题未作答').waitFor();
  await shot(agent, 'kb-quiz-taking-zh');
  await agent.getByTestId('quiz-submit').click();
  const result = agent.getByTestId('quiz-result');
  await result.waitFor();
  const text = (await result.textContent()) ?? '';
  assert.match(text, /得分 \d+/);
  assert.match(text, /答对 [0-3]\/4 题/);
  assert.match(text, /正确答案：/);
  assert.match(text, /你的答案：未作答/, 'the blank question is shown as not answered');
  assert.equal(await result.getByRole('link', { name: /查看知识：/ }).count(), 4);
  await agent
    .getByTestId('quiz-mine')
    .getByText(/\d+ 分（[0-3]\/4）/)
    .waitFor();
  await shot(agent, 'kb-quiz-result-zh');
  await result
    .getByRole('link', { name: /查看知识：/ })
    .first()
    .click();
  await agent.getByTestId('article-body').waitFor();
  assert.deepEqual(pageErrors(agent), []);

  const sup = await newPage(env);
  await loginAs(sup, env.url, 'banzhang', 'hotline-super');
  const supMenu = (await sup.getByRole('menu').textContent()) ?? '';
  assert.ok(supMenu.includes('培训成绩') && !supMenu.includes('培训测验'), supMenu);
  await sup.getByRole('menuitem', { name: '培训成绩' }).click();
  const row = sup.getByTestId('quiz-results').locator('tr', { hasText: '李娜' });
  await row.waitFor();
  const rowText = (await row.textContent()) ?? '';
  assert.match(rowText, /agent1/);
  assert.match(rowText, /供水 [0-3]\/4/, 'the weakest category with right/asked');
  await shot(sup, 'kb-quiz-results-zh');
  await sup.getByTestId('lang-switch').click();
  await sup.getByRole('columnheader', { name: 'Weakest categories (right/asked)' }).waitFor();
  await shot(sup, 'kb-quiz-results-en');
  assert.deepEqual(pageErrors(sup), []);
});

test('a supervisor assigns a quiz to agent1; agent1 sees it, takes it once; the supervisor sees the score', {
  skip,
}, async () => {
  const sup = await newPage(env);
  await loginAs(sup, env.url, 'banzhang', 'hotline-super');
  await sup.goto(`${env.url}/kb/quiz-results`);
  await sup.getByTestId('assign-open').click();
  const dialog = sup.getByRole('dialog');
  await dialog.getByTestId('assign-title').fill('供水业务周测');
  await dialog.getByTestId('assign-categories').click();
  await sup.getByTitle('供水', { exact: true }).click();
  await dialog.getByLabel('从分类抽题数').fill('3');
  await dialog.getByText('指定话务员').click();
  await dialog.getByTestId('assign-users').click();
  await sup.getByTitle('李娜 (agent1)').click();
  await dialog.locator('.ant-picker input').fill('2099-12-31');
  await dialog.locator('.ant-picker input').press('Enter');
  await dialog.getByTestId('assign-title').click();
  await shot(sup, 'kb-quiz-assign-zh');
  await dialog.getByRole('button', { name: '确认布置' }).click();
  await sup.getByText('已布置给 1 名话务员').waitFor();
  const row = sup.getByTestId('quiz-assignments').locator('tr', { hasText: '供水业务周测' });
  await row.getByText('0/1 已完成').waitFor();
  assert.match((await row.textContent()) ?? '', /2099-12-31 23:59/);

  const agent = await newPage(env);
  await loginAs(agent, env.url, 'agent1', 'hotline-agent');
  await agent.goto(`${env.url}/kb/quiz`);
  const assigned = agent.getByTestId('quiz-assigned').locator('tr', { hasText: '供水业务周测' });
  await assigned.waitFor();
  assert.match((await assigned.textContent()) ?? '', /2099-12-31 23:59/);
  await shot(agent, 'kb-quiz-assigned-zh');
  const started = agent.waitForResponse((r) => r.url().endsWith('/attempt') && r.status() === 201);
  await assigned.getByRole('button', { name: '开始答题' }).click();
  assert.doesNotMatch(await (await started).text(), /"answer"|"articleId"/, 'no key before submitting');
  const questions = agent.getByTestId('quiz-questions');
  await questions.waitFor();
  assert.match((await questions.textContent()) ?? '', /供水业务周测/);
  for (let i = 0; i < 3; i++) await agent.getByTestId(`quiz-q-${i}`).getByRole('radio').first().check();
  await agent.getByTestId('quiz-submit').click();
  const result = agent.getByTestId('quiz-result');
  await result.waitFor();
  const score = /得分 (\d+)/.exec((await result.textContent()) ?? '')?.[1];
  assert.ok(score !== undefined);
  await agent.getByTestId('quiz-assigned').getByText('没有待完成的测验').waitFor();
  assert.deepEqual(pageErrors(agent), []);

  await sup.reload();
  const done = sup.getByTestId('quiz-assignments').locator('tr', { hasText: '供水业务周测' });
  await done.getByText('1/1 已完成').waitFor();
  await shot(sup, 'kb-quiz-assignments-zh');
  await done.getByRole('button', { name: '查看' }).click();
  const detail = sup.getByTestId('assignment-detail').locator('tr', { hasText: '李娜' });
  await detail.waitFor();
  const detailText = (await detail.textContent()) ?? '';
  assert.match(detailText, /已完成/);
  assert.match(detailText, new RegExp(`${score} 分（[0-3]/3）`));
  await shot(sup, 'kb-quiz-assignment-zh');
  await sup.keyboard.press('Escape');
  await sup.getByTestId('lang-switch').click();
  await sup.getByTestId('quiz-assignments').getByText('1/1 done').waitFor();
  await sup.getByTestId('quiz-assignments').getByRole('button', { name: 'Details' }).first().click();
  await sup.getByTestId('assignment-detail').getByText('Done', { exact: true }).waitFor();
  await shot(sup, 'kb-quiz-assignment-en');
  assert.deepEqual(pageErrors(sup), []);
});

test('an editor formats an article body (heading, bold, list) and the article page renders it', { skip }, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'water', 'hotline-dept');
  await page.goto(`${env.url}/kb/editor/new`);
  const form = page.getByTestId('article-form');
  await form.getByLabel('标题').fill('老旧小区水管改造咨询');
  const editor = page.getByTestId('rich-editor');
  await editor.click();
  await page.keyboard.type('改造须知');
  await page.getByTestId('rich-h2').click();
  await page.keyboard.press('Enter');
  await page.getByTestId('rich-p').click();
  await page.keyboard.type('改造由');
  await page.getByTestId('rich-bold').click();
  await page.keyboard.type('街道办事处');
  await page.getByTestId('rich-bold').click();
  await page.keyboard.type('统一组织。');
  await page.keyboard.press('Enter');
  await page.getByTestId('rich-ul').click();
  await page.keyboard.type('提前公示改造时间');
  await page.keyboard.press('Enter');
  await page.keyboard.type('改造期间临时供水');
  const html = await editor.innerHTML();
  assert.match(html, /<h2>改造须知<\/h2>/, html);
  assert.match(html, /<b>街道办事处<\/b>|<strong>街道办事处<\/strong>/, html);
  assert.match(html, /<ul><li>提前公示改造时间<\/li><li>改造期间临时供水/, html);
  await page.mouse.move(0, 0);
  await shot(page, 'kb-editor-rich-zh');
  await page.getByTestId('editor-save').click();
  const body = page.getByTestId('article-body');
  await body.waitFor();
  assert.equal(await body.locator('h2', { hasText: '改造须知' }).count(), 1);
  assert.equal(await body.locator('strong', { hasText: '街道办事处' }).count(), 1);
  assert.deepEqual(await body.locator('ul > li').allTextContents(), ['提前公示改造时间', '改造期间临时供水']);
  assert.equal(await body.locator('[style], [class*="Apple"], span').count(), 0, 'nothing but the allowed subset');
  await shot(page, 'kb-article-rich-zh');

  await page.getByTestId('article-edit').click();
  await editor.waitFor();
  assert.match(await editor.innerHTML(), /<strong>街道办事处<\/strong>/, 'the editor reopens the stored formatting');
  assert.deepEqual(pageErrors(page), []);
});
