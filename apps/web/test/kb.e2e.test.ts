import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, newPage, pageErrors, setupWebEnv, shot, skip } from './browser.ts';

const env = setupWebEnv();

async function search(page: Page, q: string): Promise<void> {
  await page.goto(`${env.url}/kb/search`);
  const box = page.getByTestId('kb-search').locator('input');
  await box.fill(q);
  await box.press('Enter');
}

async function move(page: Page, key: string, comment?: string): Promise<void> {
  await page.getByTestId(`move-${key}`).first().click();
  const dialog = page.getByRole('dialog');
  if (comment) await dialog.getByTestId('move-comment').fill(comment);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

test('an agent searches (highlight, category, validity), gets suggestions for a case text, reads an article', {
  skip,
}, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'agent1', 'hotline-agent');
  const menu = (await page.getByRole('menu').textContent()) ?? '';
  assert.ok(menu.includes('知识检索') && menu.includes('标准用语') && menu.includes('热点问题'), menu);
  assert.ok(!menu.includes('文章管理') && !menu.includes('审核队列'), 'agents neither edit nor review');
  await search(page, '楼下饭馆油烟太大');
  const results = page.getByTestId('kb-results');
  await results.waitFor();
  const first = results.locator('.ant-list-item').first();
  const text = (await first.textContent()) ?? '';
  assert.match(text, /油烟/);
  assert.match(text, /U011/);
  assert.match(text, /长期有效/);
  assert.ok((await first.locator('mark').count()) > 0, 'matched terms are highlighted');
  assert.ok((await first.locator('.ant-tag').count()) === 1, 'the category is shown');
  await page.getByTestId('kb-hot').getByText('城区计划停水').waitFor();
  await page.getByTestId('kb-suggest-text').fill('来电人反映小区停水一天了，没有看到停水通知，要求尽快恢复供水');
  await page.getByTestId('kb-suggest').click();
  const suggestions = page.getByTestId('kb-suggestions');
  await suggestions.waitFor();
  const n = await suggestions.locator('.ant-list-item').count();
  assert.ok(n >= 1 && n <= 5, `${n} suggestions`);
  assert.match((await suggestions.textContent()) ?? '', /停水/);
  await shot(page, 'kb-search-zh');
  await first.getByRole('link').first().click();
  await page.getByTestId('article-body').waitFor();
  assert.match((await page.getByTestId('article-meta').textContent()) ?? '', /已发布/);
  assert.equal(await page.getByTestId('article-edit').count(), 0);
  assert.equal(await page.getByTestId('move-archive').count(), 0);
  await shot(page, 'kb-article-zh');
  assert.deepEqual(pageErrors(page), []);
});

test('an article goes draft → review → sent back → review → published and is then found by search', {
  skip,
}, async () => {
  const title = '二次供水水箱清洗预约';
  const dept = await newPage(env);
  await loginAs(dept, env.url, 'water', 'hotline-dept');
  await dept.getByRole('menuitem', { name: '文章管理' }).click();
  await dept.getByTestId('article-new').click();
  const form = dept.getByTestId('article-form');
  await form.getByLabel('标题').fill(title);
  await form
    .getByLabel('正文')
    .fill(
      '高层小区二次供水水箱由物业或水务集团每半年清洗消毒一次。\n\n居民可通过水务集团公众号“二次供水”栏目预约清洗，或拨打供水服务热线。',
    );
  await form.getByLabel('分类').click();
  await dept.getByTitle('供水', { exact: true }).click();
  await form.getByLabel('标签').fill('二次供水');
  await form.getByLabel('标签').press('Enter');
  await form.getByLabel('同义词').fill('洗水箱');
  await form.getByLabel('同义词').press('Enter');
  await form.getByLabel('生效日期').fill('2026-01-01');
  assert.match((await form.textContent()) ?? '', /市水务集团/, 'the department defaults to the editor’s own');
  await shot(dept, 'kb-editor-zh');
  await dept.getByTestId('editor-save').click();
  await dept.getByTestId('article-body').waitFor();
  assert.match((await dept.getByTestId('article-meta').textContent()) ?? '', /草稿/);
  assert.match((await dept.getByTestId('article-meta').textContent()) ?? '', /2026-01-01 起有效/);
  const articleUrl = dept.url();
  await dept.getByRole('menuitem', { name: '文章管理' }).click();
  await dept.getByTestId('articles-table').getByRole('link', { name: title }).waitFor();
  await shot(dept, 'kb-articles-zh');
  await dept.goto(articleUrl);
  await dept.getByTestId('article-body').waitFor();

  const agent = await newPage(env);
  await loginAs(agent, env.url, 'agent1', 'hotline-agent');
  await search(agent, '水箱清洗怎么预约');
  await agent.getByTestId('kb-results').or(agent.getByText('没有找到')).first().waitFor();
  assert.doesNotMatch(
    (await agent
      .getByTestId('kb-results')
      .textContent()
      .catch(() => '')) ?? '',
    new RegExp(title),
  );

  await move(dept, 'submit');
  await dept.getByTestId('article-meta').getByText('待审核').waitFor();
  assert.equal(await dept.getByTestId('move-approve').count(), 0, 'an editor cannot approve');

  const sup = await newPage(env);
  await loginAs(sup, env.url, 'banzhang', 'hotline-super');
  await sup.getByRole('menuitem', { name: '审核队列' }).click();
  const card = sup.getByTestId('review-queue').locator('.ant-card', { hasText: title });
  await card.waitFor();
  assert.match((await card.textContent()) ?? '', /市水务集团/);
  await shot(sup, 'kb-review-zh');
  await card.getByTestId('move-reject').click();
  await sup
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await sup.getByText('必填', { exact: true }).waitFor();
  await sup.getByRole('dialog').getByTestId('move-comment').fill('请写明预约电话号码');
  await sup
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await card.waitFor({ state: 'detached' });

  await dept.goto(articleUrl);
  await dept.getByTestId('article-meta').getByText('草稿').waitFor();
  await dept.getByTestId('article-edit').click();
  await dept
    .getByTestId('article-form')
    .getByLabel('正文')
    .fill(
      '高层小区二次供水水箱由物业或水务集团每半年清洗消毒一次。\n\n居民可通过水务集团公众号“二次供水”栏目预约清洗，或拨打供水服务热线 96116。',
    );
  await dept.getByTestId('article-form').getByLabel('修改说明').fill('补充预约电话');
  await dept.getByTestId('editor-submit').click();
  await dept.getByTestId('article-meta').getByText('待审核').waitFor();

  await sup.reload();
  await sup.getByTestId('review-queue').locator('.ant-card', { hasText: title }).getByTestId('move-approve').click();
  await sup.getByRole('dialog').getByTestId('move-comment').fill('同意发布');
  await sup
    .getByRole('dialog')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await sup.getByText('没有待审核的文章').waitFor();

  await search(agent, '水箱清洗怎么预约');
  const first = agent.getByTestId('kb-results').locator('.ant-list-item').first();
  await first.waitFor();
  assert.match((await first.textContent()) ?? '', new RegExp(title));
  assert.match((await first.textContent()) ?? '', /供水/);
  await first.getByRole('link').first().click();
  await agent.getByTestId('article-body').getByText('96116', { exact: false }).waitFor();
  await agent.getByRole('tab', { name: /版本历史/ }).click();
  const versions = (await agent.getByTestId('article-versions').textContent()) ?? '';
  assert.match(versions, /v2/);
  assert.match(versions, /补充预约电话/);
  assert.match(versions, /水务局联络员/);
  await shot(agent, 'kb-article-versions-zh');
  await agent.getByRole('tab', { name: '流程记录' }).click();
  const history = (await agent.getByTestId('article-history').textContent()) ?? '';
  for (const step of [
    '新建草稿',
    '提交审核',
    '退回修改',
    '请写明预约电话号码',
    '修改内容',
    '审核通过并发布',
    '同意发布',
    '王班长',
  ])
    assert.ok(history.includes(step), `history lacks ${step}: ${history}`);
  await shot(agent, 'kb-article-history-zh');
  for (const p of [dept, sup, agent]) assert.deepEqual(pageErrors(p), []);
});

test('standard phrases and hot topics', { skip }, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'agent1', 'hotline-agent');
  await page.getByRole('menuitem', { name: '标准用语' }).click();
  const phrases = page.getByTestId('phrases');
  await phrases.getByText('开头语').waitFor();
  assert.match((await phrases.textContent()) ?? '', /结束语/);
  await shot(page, 'kb-phrases-zh');
  await page.getByTestId('phrases-search').locator('input').fill('稍等');
  await page.getByTestId('phrases-search').locator('input').press('Enter');
  await phrases.getByText('请您稍等，我为您查询一下。').waitFor();
  await phrases.getByText('开头语').waitFor({ state: 'detached' });
  await page.getByRole('menuitem', { name: '热点问题' }).click();
  const topics = page.getByTestId('hot-topics');
  await topics.getByText('居民医保集中缴费', { exact: true }).waitFor();
  assert.match((await topics.textContent()) ?? '', /语音播报/);
  await shot(page, 'kb-hot-topics-zh');
  await topics.getByRole('link', { name: '查看知识' }).first().click();
  await page.getByTestId('article-body').waitFor();
  assert.deepEqual(pageErrors(page), []);
});

test('a supervisor maintains standard phrases and hot topics; agents see the result', { skip }, async () => {
  const sup = await newPage(env);
  await loginAs(sup, env.url, 'banzhang', 'hotline-super');
  await sup.goto(`${env.url}/kb/phrases`);
  await sup.getByTestId('phrase-new').click();
  const pf = sup.getByTestId('phrase-form');
  await pf.getByLabel('类别').fill('过程用语');
  await pf.getByLabel('名称').fill('核实地址');
  await pf.getByLabel('用语').fill('请问您反映问题的具体地址是哪里？');
  await shot(sup, 'kb-phrase-form-zh');
  await sup
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  const added = sup.getByTestId('phrases').getByText('请问您反映问题的具体地址是哪里？');
  await added.waitFor();
  await sup.getByTestId('phrase-核实地址').getByTitle('编辑').click();
  await sup.getByTestId('phrase-form').getByLabel('用语').fill('请问具体地址是哪里？');
  await sup
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await sup.getByTestId('phrases').getByText('请问具体地址是哪里？').waitFor();

  await sup.goto(`${env.url}/kb/hot-topics`);
  await sup.getByTestId('hot-new').click();
  const hf = sup.getByTestId('hot-topic-form');
  await hf.getByLabel('热点标题').fill('燃气价格调整');
  await hf.getByLabel('摘要（话务员看到的说明）').fill('居民用气价格自下月1日起调整，第一档每立方米上调0.2元。');
  await hf.getByLabel('关联知识').click();
  await hf.getByLabel('关联知识').fill('天然气缴费');
  await sup.locator('.ant-select-item-option', { hasText: '天然气缴费与欠费停气' }).click();
  // The option list re-renders while results arrive; make sure the choice really landed.
  await hf.getByText('天然气缴费与欠费停气').filter({ visible: true }).first().waitFor();
  await hf.getByLabel('语音播报').fill('居民用气价格自下月起调整，详情请按0转人工。');
  await hf.getByLabel('结束时间').fill('2099-12-31 18:00');
  await shot(sup, 'kb-hot-topic-form-zh');
  await sup
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  const card = sup.getByTestId('hot-topics').locator('.ant-card', { hasText: '燃气价格调整' });
  await card.waitFor();
  assert.match((await card.textContent()) ?? '', /至 2099-12-31 18:00/);
  assert.match((await card.textContent()) ?? '', /语音播报：居民用气价格自下月起调整/);
  await shot(sup, 'kb-hot-topics-edit-zh');

  const agent = await newPage(env);
  await loginAs(agent, env.url, 'agent1', 'hotline-agent');
  await agent.goto(`${env.url}/kb/search`);
  await agent.getByTestId('kb-hot').getByRole('link', { name: '燃气价格调整' }).click();
  await agent.getByRole('heading', { name: '天然气缴费与欠费停气' }).waitFor();
  await agent.goto(`${env.url}/kb/hot-topics`);
  await agent.getByTestId('hot-topics').getByText('燃气价格调整').waitFor();
  assert.equal(await agent.getByTestId('hot-new').count(), 0);
  assert.equal(await agent.getByTestId('hot-topics').getByRole('button', { name: '下线' }).count(), 0);

  await card
    .getByRole('button', { name: '下 线' })
    .or(card.getByRole('button', { name: '下线' }))
    .click();
  await sup
    .getByRole('tooltip')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await card.waitFor({ state: 'detached' });
  await agent.reload();
  await agent.getByTestId('hot-topics').getByText('城区计划停水').waitFor();
  assert.equal(await agent.getByTestId('hot-topics').getByText('燃气价格调整').count(), 0);
  for (const p of [sup, agent]) assert.deepEqual(pageErrors(p), []);
});

test('knowledge search in English', { skip }, async () => {
  const page = await newPage(env);
  await loginAs(page, env.url, 'banzhang', 'hotline-super');
  await page.getByTestId('lang-switch').click();
  await search(page, '公积金提取');
  await page.getByTestId('kb-results').waitFor();
  await page.getByText(/results for “公积金提取”/).waitFor();
  await page.getByText('Hot topics').first().waitFor();
  await shot(page, 'kb-search-en');
  await page.goto(`${env.url}/kb/manage?status=published`);
  await page.getByRole('columnheader', { name: 'Title' }).waitFor();
  await page.getByTestId('articles-filter').locator('input').fill('公积金');
  await page.getByTestId('articles-table').getByRole('link', { name: '住房公积金提取条件' }).waitFor();
  assert.equal(await page.getByTestId('articles-table').getByRole('link', { name: /停水/ }).count(), 0);
  await shot(page, 'kb-articles-en');
  assert.deepEqual(pageErrors(page), []);
});
