import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from './chromium';

/** Screenshots land here (CI keeps test-artifacts/ out of the repository: see .gitignore). */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'console-screens');

/** `describe` where Chromium exists; elsewhere skipped (global-setup.ts prints how to enable them). */
export const describeInBrowser: jest.Describe = chromiumAvailable() ? describe : describe.skip;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Saves a full-page screenshot named `<test>-<step>.png`, numbered in the order a test takes them. */
export function screenshotter(testName: string) {
  let step = 0;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return async (page: Page, view: string) => {
    step += 1;
    const file = path.join(SCREENSHOT_DIR, `${testName}-${String(step).padStart(2, '0')}-${view}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}
