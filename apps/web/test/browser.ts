/**
 * Browser-test helpers: a real `hotline control` process on a temp data dir serving the built web
 * app, and headless Debian Chromium driven by playwright-core. Screenshots go to
 * `test-results/screenshots/<name>.png` — look at them.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type ControlProcess, startControlProcess, stopProcess } from '../../hotline/test/process.ts';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null;
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');
/** A browser test's `skip` option: the reason when Chromium is missing, else false. */
export const skip = CHROMIUM ? false : 'chromium not installed (scripts/setup-system installs it)';

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

/**
 * Starts a web env before the file's tests and closes it after (nothing starts when `skip`). The
 * returned env reads through to the started one, so it can be passed around at module level.
 */
export function setupWebEnv(): WebEnv {
  let started: WebEnv | undefined;
  before(async () => {
    if (!skip) started = await startWebEnv();
  });
  after(async () => started?.close());
  const get = (): WebEnv => {
    if (!started) throw new Error('the web env is not started (outside a test, or chromium is missing)');
    return started;
  };
  return {
    get control() {
      return get().control;
    },
    get browser() {
      return get().browser;
    },
    get url() {
      return get().url;
    },
    close: async () => started?.close(),
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
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** Screenshot once antd's opening animations are over (spinners loop forever and are ignored). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  await screenshot(page, name);
}
