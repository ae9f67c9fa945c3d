/**
 * Browser-test helpers: a real `hotline control` process on a temp data dir serving the built web
 * app, and headless Debian Chromium driven by playwright-core. Screenshots go to
 * `test-results/screenshots/<name>.png` — look at them.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ControlProcess, startControlProcess, stopProcess } from '../../hotline/test/process.ts';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null;
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

export interface WebEnv {
  control: ControlProcess;
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

export async function startWebEnv(): Promise<WebEnv> {
  if (!CHROMIUM) throw new Error('chromium not installed');
  const dir = mkdtempSync(join(tmpdir(), 'hotline-web-'));
  const control = await startControlProcess(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    control,
    browser,
    url: control.url,
    close: async () => {
      await browser.close();
      await stopProcess(control.proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function newPage(env: WebEnv, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport: { width: 1366, height: 820 }, locale });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { errors?: string[] }).errors ?? [];
}

export async function loginAs(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('user-menu').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path, fullPage: true });
  return path;
}
