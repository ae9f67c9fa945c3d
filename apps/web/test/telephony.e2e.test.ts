/**
 * Telephony pages against a real `hotline control` whose demo holds call history (CDRs, stereo WAV
 * recordings, alerts — stored by the demo seeder through `storeSwitchEvent`, as the switch's events
 * are). No switch runs here: the status page shows "not connected".
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, newPage, pageErrors, SCREENSHOTS, setupWebEnv, shot, skip } from './browser.ts';

const env = setupWebEnv();

/** A dialog: the viewport only (a full-page capture shifts fixed overlays). */
async function shotDialog(page: Page, name: string): Promise<void> {
  await page.getByRole('dialog').last().waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Waits until the save notices are gone (they cover the page in screenshots). */
async function noToasts(page: Page): Promise<void> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Picks an option in the open select dropdown and waits until that dropdown has closed; clicks
 * again when a click landed while the dropdown was still animating open (seen on a loaded CI box).
 */
async function pickOption(page: Page, text: string): Promise<void> {
  const open = () => page.locator('.ant-select-dropdown:visible');
  await open().locator('.ant-select-item-option', { hasText: text }).first().waitFor();
  for (let attempt = 0; attempt < 4; attempt++) {
    const option = open().locator('.ant-select-item-option', { hasText: text }).first();
    if (attempt > 0 && (await open().count()) === 0) return;
    await option.click({ timeout: 5_000 }).catch(() => undefined);
    const end = Date.now() + 2_500;
    while (Date.now() < end) {
      if ((await open().count()) === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`the dropdown did not close after picking ${text}`);
}

async function as(user: string, password: string, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const page = await newPage(env, locale);
  await loginAs(page, env.url, user, password);
  return page;
}

const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');
const row = (page: Page, text: string) => rows(page).filter({ hasText: text }).first();

/** Polls `check` until it holds (10 s). */
async function until(check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in 10 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function apiJson<T>(page: Page, url: string): Promise<{ status: number; body: T }> {
  const r = await page.request.get(`${env.url}${url}`);
  return { status: r.status(), body: (await r.json()) as T };
}

test('qa: call records with causes and regions, then plays and downloads a recording (audited)', { skip }, async () => {
  const page = await as('qa', 'hotline-qa');
  const menu = (await page.getByRole('menu').textContent()) ?? '';
  assert.ok(menu.includes('通话记录') && menu.includes('录音'), menu);
  assert.ok(!menu.includes('分机') && !menu.includes('交换机状态'), `qa sees no switch admin: ${menu}`);
  await page.getByRole('menuitem', { name: '通话记录' }).click();
  await row(page, '13800138000').waitFor();
  assert.match((await page.getByText(/共 \d+ 条/).textContent()) ?? '', /共 15 条/);
  const bj = await row(page, '13800138000').textContent();
  assert.match(bj ?? '', /北京市/);
  assert.match(bj ?? '', /正常挂机/);
  assert.match((await row(page, '18612345678').textContent()) ?? '', /用户忙/);
  assert.match((await row(page, '13912345678').textContent()) ?? '', /未接听即挂断/);
  assert.match((await row(page, '0044207946000').textContent()) ?? '', /呼叫被拒绝/);
  assert.match((await row(page, '057187654321').textContent()) ?? '', /浙江省杭州市/);
  await shot(page, 'telephony-cdrs-zh');

  // Filter: unanswered inbound legs only.
  await page.getByLabel('接通情况').click();
  await pickOption(page, '未接通');
  await page.getByLabel('方向').click();
  await pickOption(page, '呼入');
  await page.getByTestId('cdr-search').click();
  await page.getByText('共 3 条').waitFor();
  await shot(page, 'telephony-cdrs-filtered-zh');

  // Filter by the caller region stored with each call: part of a province or city.
  await page.getByRole('button', { name: /重\s*置/ }).click();
  await page.getByText('共 15 条').waitFor();
  const hz = await apiJson<{ items: { caller: string; callerRegion: string | null }[]; total: number }>(
    page,
    '/api/v1/telephony/cdrs?region=%E6%9D%AD%E5%B7%9E',
  );
  assert.equal(hz.status, 200);
  assert.ok(
    hz.body.total > 0 && hz.body.items.every((c) => c.callerRegion === '浙江省杭州市'),
    JSON.stringify(hz.body),
  );
  await page.getByLabel('来电区域').fill('杭州');
  await page.getByTestId('cdr-search').click();
  await page.getByText(`共 ${hz.body.total} 条`).waitFor();
  for (const text of await rows(page).allTextContents()) assert.match(text, /浙江省杭州市/);
  await row(page, '057187654321').waitFor();
  await shot(page, 'telephony-cdrs-region-zh');

  // From the Beijing caller's record to the player.
  await page.getByRole('button', { name: /重\s*置/ }).click();
  await page.getByText('共 15 条').waitFor();
  await page.getByLabel('电话号码').fill('13800138000');
  await page.getByTestId('cdr-search').click();
  await page.getByText('共 2 条').waitFor();
  const audioResponses: { status: number; range: string | undefined; contentRange: string | undefined }[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/audio?grant=')) {
      audioResponses.push({
        status: r.status(),
        range: r.request().headers().range,
        contentRange: r.headers()['content-range'],
      });
    }
  });
  await page.getByTestId('cdr-play').first().click();
  await page.waitForURL(/\/telephony\/recordings\?id=/);
  const audio = page.getByTestId('recording-audio');
  await audio.waitFor();
  await page.waitForFunction(() => {
    const a = document.querySelector('audio');
    return !!a && a.readyState >= 1 && Number.isFinite(a.duration);
  });
  const duration = await audio.evaluate((a: HTMLAudioElement) => a.duration);
  assert.ok(Math.abs(duration - 12) < 0.1, `the WAV plays for 12 s in the browser (got ${duration})`);
  await audio.evaluate((a: HTMLAudioElement) => {
    a.muted = true;
    a.currentTime = 9;
    return a.play().catch(() => undefined);
  });
  // The browser's player asks for byte ranges; the server answers them with 206.
  await until(async () => audioResponses.some((r) => r.status === 206));
  const partial = audioResponses.find((r) => r.status === 206)!;
  assert.match(partial.range ?? '', /^bytes=\d+-/);
  assert.match(partial.contentRange ?? '', /^bytes \d+-\d+\/384044$/);
  assert.match((await page.getByTestId('recording-player').textContent()) ?? '', /13800138000 → 12319/);
  await shot(page, 'telephony-recordings-player-zh');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('player-download').click()]);
  assert.match(download.suggestedFilename(), /^recording-\d{8}T\d{6}-.+\.wav$/);
  const saved = await download.path();
  const wav = readFileSync(saved!);
  assert.equal(wav.subarray(0, 4).toString(), 'RIFF');
  assert.equal(wav.length, 44 + 12 * 8000 * 4);

  // Recordings search by duration.
  await page.getByRole('menuitem', { name: '录音' }).click();
  await page.getByLabel('最短（秒）').fill('10');
  await page.getByTestId('rec-search').click();
  await page.getByText('共 2 条').waitFor();
  assert.match((await rows(page).allTextContents()).join('|'), /1010 王班长/);
  await shot(page, 'telephony-recordings-zh');

  const audits = await apiJson<{ rows: unknown[] }>(page, '/api/v1/audit?action=recording.play');
  assert.equal(audits.status, 403, 'qa cannot read the audit log');
  assert.deepEqual(pageErrors(page), []);

  const admin = await as('admin', 'hotline-admin');
  const plays = await apiJson<{ rows: { actorName: string }[] }>(admin, '/api/v1/audit?action=recording.');
  const actions = plays.body.rows
    .filter((r) => r.actorName === 'qa')
    .map((r) => (r as unknown as { action: string }).action);
  assert.ok(actions.includes('recording.play') && actions.includes('recording.download'), actions.join(','));
});

test('an agent sees no telephony pages and cannot fetch a recording by its id', { skip }, async () => {
  const qa = await as('qa', 'hotline-qa');
  const { body } = await apiJson<{ items: { id: string }[] }>(qa, '/api/v1/telephony/recordings');
  const id = body.items[0]!.id;

  const page = await as('agent1', 'hotline-agent');
  const menu = (await page.getByRole('menu').textContent()) ?? '';
  assert.ok(!menu.includes('通话记录') && !menu.includes('录音'), menu);
  await page.goto(`${env.url}/telephony/recordings?id=${id}`);
  await page.waitForURL((u) => !u.pathname.startsWith('/telephony'));
  for (const url of [`/api/v1/telephony/recordings/${id}`, '/api/v1/telephony/recordings', '/api/v1/telephony/cdrs']) {
    assert.equal((await page.request.get(`${env.url}${url}`)).status(), 403, url);
  }
  const grant = await page.request.post(`${env.url}/api/v1/telephony/recordings/${id}/grant`, {
    data: { purpose: 'download' },
  });
  assert.equal(grant.status(), 403);
  assert.deepEqual(pageErrors(page), []);
});

test('admin: extensions, trunks, numbers and routes, switch status with alerts', { skip }, async () => {
  const page = await as('admin', 'hotline-admin');
  await page.getByRole('menuitem', { name: '分机' }).click();
  await row(page, '1001').waitFor();
  assert.match((await row(page, '1001').textContent()) ?? '', /李娜.*李娜 \(agent1\).*已设置/);
  await shot(page, 'telephony-extensions-zh');

  await page.getByTestId('ext-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('新建分机').first().waitFor();
  await dialog.getByLabel('分机号').fill('2001');
  await dialog.getByLabel('显示名称').fill('夜班座席');
  await dialog.getByLabel('SIP 密码').fill('short');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await dialog.getByText('至少 8 位，不含空格').waitFor();
  await dialog.getByLabel('SIP 密码').fill('Night-shift-2001');
  await dialog.getByLabel('呼出权限').click();
  await pickOption(page, '国内长途');
  await shotDialog(page, 'telephony-extension-create-zh');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('交换机未连接，连接后自动下发').waitFor();
  await row(page, '2001').waitFor();
  assert.match((await row(page, '2001').textContent()) ?? '', /夜班座席.*国内长途.*已设置/);
  const listed = await page.request.get(`${env.url}/api/v1/admin/telephony/extensions`);
  assert.doesNotMatch(await listed.text(), /Night-shift-2001/);

  await page.getByRole('menuitem', { name: '中继' }).click();
  await row(page, 'demo-carrier').waitFor();
  await shot(page, 'telephony-trunks-zh');
  await page.getByTestId('trunk-edit-demo-carrier').click();
  await page.getByRole('dialog').getByText('编辑中继 demo-carrier').waitFor();
  const allow = page.getByTestId('trunk-allow-from').locator('input');
  await allow.fill('127.0.0.2');
  await allow.press('Enter');
  await page.getByRole('dialog').getByLabel('认证用户名').fill('hotline');
  await page.getByRole('dialog').getByLabel('认证密码').fill('Carrier-pw-2024');
  await shotDialog(page, 'telephony-trunk-edit-zh');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  const carrier = (await row(page, 'demo-carrier').textContent()) ?? '';
  assert.match(carrier, /127\.0\.0\.2/);
  assert.match(carrier, /呼出认证: hotline 已设置/);

  await page.getByRole('menuitem', { name: '号码路由' }).click();
  await row(page, '12319').waitFor();
  await page.getByTestId('did-new').click();
  const did = page.getByRole('dialog');
  await did.getByLabel('号码').fill('12399');
  await did.locator('label.ant-radio-button-wrapper', { hasText: '分机组（同振）' }).click();
  await did.getByLabel('组内分机').click();
  const members = did.locator('.ant-form-item', { hasText: '组内分机' });
  for (const ext of ['2001', '1001']) {
    // Click until the tag shows: a click during the dropdown's opening animation is lost.
    await until(async () => {
      if ((await members.locator('.ant-select-selection-item', { hasText: ext }).count()) > 0) return true;
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: ext })
        .first()
        .click({ timeout: 2_000 })
        .catch(() => undefined);
      return false;
    });
  }
  await did.getByLabel('号码').click();
  await until(async () => (await page.locator('.ant-select-dropdown:visible').count()) === 0);
  await shotDialog(page, 'telephony-did-create-zh');
  await did.getByRole('button', { name: /保\s*存/ }).click();
  await row(page, '12399').waitFor();
  assert.match((await row(page, '12399').textContent()) ?? '', /分机组（同振）: 2001、1001/);

  await page.getByTestId('route-new').click();
  const route = page.getByRole('dialog');
  await route.getByLabel('号码规则（正则表达式）').fill('^(00');
  await route.getByLabel('中继', { exact: true }).click();
  await pickOption(page, 'demo-carrier');
  await route.getByRole('button', { name: /保\s*存/ }).click();
  await route.getByText('不是有效的正则表达式').waitFor();
  await route.getByLabel('号码规则（正则表达式）').fill('^00');
  await route.getByRole('button', { name: /保\s*存/ }).click();
  await route.waitFor({ state: 'hidden' });
  const routeRows = () => page.locator('.ant-card', { hasText: '呼出路由' }).locator('tr.ant-table-row');
  await routeRows().nth(1).waitFor();
  assert.match((await routeRows().nth(1).textContent()) ?? '', /\^00/);
  await page.getByTestId('route-up-1').click();
  await until(async () => ((await routeRows().first().textContent()) ?? '').includes('^00'));
  await noToasts(page);
  await shot(page, 'telephony-routing-zh');

  await page.getByRole('menuitem', { name: '交换机状态' }).click();
  await page.getByTestId('switch-warning').waitFor();
  assert.equal(await page.getByTestId('switch-connection').textContent(), '未连接');
  await row(page, '认证失败').waitFor();
  assert.match((await page.getByTestId('switch-alerts').textContent()) ?? '', /未认证外呼被拒.*203\.0\.113\.7/s);
  await noToasts(page);
  await shot(page, 'telephony-status-zh');

  // Every change above is in the audit log with its before/after.
  const audit = await apiJson<{ rows: { action: string; before: unknown; after: unknown }[] }>(
    page,
    '/api/v1/audit?action=telephony.',
  );
  const actions = audit.body.rows.map((r) => r.action);
  for (const a of [
    'telephony.extension.create',
    'telephony.trunk.update',
    'telephony.did.create',
    'telephony.route.create',
  ]) {
    assert.ok(actions.includes(a), `${a} audited`);
  }
  assert.doesNotMatch(JSON.stringify(audit.body), /Night-shift-2001|Carrier-pw-2024/);
  assert.deepEqual(pageErrors(page), []);
});

test('leader reads call records in English without recordings; supervisor sees status without alerts', {
  skip,
}, async () => {
  const page = await as('leader', 'hotline-leader', 'en');
  await page.getByTestId('lang-switch').waitFor();
  if (!((await page.getByRole('menu').textContent()) ?? '').includes('Call records')) {
    await page.getByTestId('lang-switch').click();
  }
  const menu = (await page.getByRole('menu').textContent()) ?? '';
  assert.ok(menu.includes('Call records') && !menu.includes('Recordings'), menu);
  await page.getByRole('menuitem', { name: 'Call records' }).click();
  await row(page, '18612345678').waitFor();
  assert.match((await row(page, '18612345678').textContent()) ?? '', /User busy/);
  assert.equal(await page.getByTestId('cdr-play').count(), 0);
  await page.getByRole('columnheader', { name: 'Caller region' }).waitFor();
  await shot(page, 'telephony-cdrs-en');
  assert.deepEqual(pageErrors(page), []);

  const sup = await as('banzhang', 'hotline-super');
  await sup.getByRole('menuitem', { name: '交换机状态' }).click();
  await sup.getByTestId('switch-warning').waitFor();
  assert.equal(await sup.getByTestId('switch-alerts').count(), 0);
  await sup.getByRole('menuitem', { name: '录音' }).click();
  await row(sup, '13800138000').waitFor();
  await shot(sup, 'telephony-recordings-supervisor-zh');
  assert.deepEqual(pageErrors(sup), []);
});
