/** Small helpers for driving antd forms in the work-order browser tests. */
import type { Page } from 'playwright-core';
import { loginAs, newPage, type WebEnv } from './browser.ts';

export async function as(env: WebEnv, user: string, password: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const page = await newPage(env, locale);
  await loginAs(page, env.url, user, password);
  return page;
}

/** Logs in (a center user), switches the shell to English and opens `url` (a case page). */
export async function asEnglish(env: WebEnv, user: string, password: string, url: string) {
  const page = await as(env, user, password);
  await page.getByTestId('lang-switch').click();
  await page.getByRole('menuitem', { name: 'Case center' }).waitFor();
  await page.goto(url);
  return page;
}

/** Opens the select labelled `label` (in `scope`) and picks option `option` from that select's own dropdown. */
export async function pick(page: Page, label: string, option: string, scope = page.locator('body')) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  const list = await input.getAttribute('aria-controls');
  const dropdown = list
    ? page.locator(`.ant-select-dropdown:has([id="${list}"])`)
    : page.locator('.ant-select-dropdown:visible');
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** Walks a cascader: opens it and clicks each level. */
export async function cascade(page: Page, label: string, path: string[]) {
  await page.getByLabel(label, { exact: true }).click();
  for (const [i, p] of path.entries()) {
    await page
      .locator('.ant-cascader-dropdown:visible .ant-cascader-menu')
      .nth(i)
      .locator('.ant-cascader-menu-item', { hasText: p })
      .first()
      .click();
  }
}

/** Clicks an action button on the case page, fills nothing, and submits its dialog (if one opens). */
export async function act(page: Page, testId: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByTestId(testId).first().click();
  if (!fill) return;
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: /提\s*交|Submit/ }).click();
  const error = page.locator('.ant-message-error, .ant-form-item-explain-error').first();
  await Promise.race([dialog.waitFor({ state: 'hidden' }), error.waitFor()]);
  if (await error.isVisible()) throw new Error(`${testId} failed: ${await error.textContent()}`);
}

/** Clicks the antd radio (or radio button) whose label is exactly `text`. */
export async function radio(scope: Page | ReturnType<Page['getByRole']>, text: string) {
  await scope
    .locator('label.ant-radio-wrapper, label.ant-radio-button-wrapper', { hasText: new RegExp(`^\\s*${text}\\s*$`) })
    .first()
    .click();
}

/** The table body row containing `text`. */
export function row(page: Page, text: string) {
  return page.locator('.ant-table-tbody tr.ant-table-row', { hasText: text }).first();
}
