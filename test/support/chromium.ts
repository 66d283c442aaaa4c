import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/browser/chromium-driver.js';
import { tempDir } from './temp-dir.js';

/** Debian's chromium, installed by the test setup when missing (scripts/ensure-test-tools.mjs). */
export const CHROMIUM = '/usr/bin/chromium';
/** The flags cardcheck --browser uses (no sandbox as root, no background network), headless. */
const ARGS = ['--headless', ...CHROMIUM_ARGS];

export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for besides file: ones (each was refused). */
  outside: string[];
  /** Uncaught errors of the page's scripts. */
  pageErrors: string[];
}

/**
 * A local file opened in headless Chromium with no network: anything but
 * file: URLs is recorded and refused. The profile is a temp folder removed
 * after the test file; close the context when done.
 */
export async function openOffline(file: string, viewport = { width: 1280, height: 900 }): Promise<OfflinePage> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: the test setup installs Debian's chromium (scripts/ensure-test-tools.mjs); install it by hand if that failed`,
    );
  const context = await chromium.launchPersistentContext(await tempDir('cc-chromium-profile-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  });
  const outside: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(pathToFileURL(file).href);
  return { context, page, outside, pageErrors };
}
