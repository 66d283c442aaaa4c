import type { Browser } from 'playwright-core';
import type { BrowserDriver, BrowserRun } from '../core/browser.js';
import { CardcheckError, isCardcheckError } from '../core/errors.js';
import { BROWSER_PACKAGES, importOptional } from '../core/optional-import.js';

/** What went wrong in the browser (Chromium would not start, a selector never appeared, no redirect): the card errors with it. */
const browserError = (message: string) => new CardcheckError('browser-failed', message);

/** Where Debian's chromium package puts the browser; CARDCHECK_CHROMIUM names another. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium in CI and containers: no sandbox (runs as
 * root there), no GPU, and none of the background connections to Google's
 * services, which a closed network refuses by the dozen.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];

/**
 * Drives the system's Chromium through playwright-core (which downloads no
 * browser of its own). Chromium starts at the first flow and serves the whole
 * run; each flow gets a fresh context (no cookies carried over). The redirect
 * that ends a flow is answered here and never reaches the network, so a
 * redirect URI such as https://example.com/cb needs no server.
 */
export function chromiumDriver(executablePath = process.env.CARDCHECK_CHROMIUM ?? DEFAULT_CHROMIUM): BrowserDriver {
  let launched: Promise<Browser> | undefined;
  const browser = () => {
    launched ??= importOptional(BROWSER_PACKAGES, () => import('playwright-core'))
      .then(({ chromium }) => chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] }))
      .catch((err: unknown) => {
        launched = undefined;
        const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
        throw browserError(
          `could not start Chromium at ${executablePath} (${why}); install Debian's chromium package or set CARDCHECK_CHROMIUM to a Chromium binary`,
        );
      });
    return launched;
  };
  return {
    async follow(run: BrowserRun): Promise<string> {
      const context = await (await browser()).newContext();
      try {
        let done: (url: string) => void = () => {};
        const redirected = new Promise<string>((resolve) => (done = resolve));
        await context.route(
          (url) => url.href.startsWith(run.redirectUri),
          async (route) => {
            done(route.request().url());
            await route.fulfill({
              status: 200,
              contentType: 'text/plain',
              body: 'cardcheck: the flow reached its redirect URI',
            });
          },
        );
        const page = await context.newPage();
        page.setDefaultTimeout(run.timeoutMs);
        const response = await page.goto(run.url);
        if (response && response.status() >= 400)
          throw browserError(`${new URL(run.url).pathname} answered ${response.status()} in the browser`);
        for (const step of run.steps) {
          if ('fill' in step) await page.fill(step.fill, step.with);
          else await page.click(step.click);
        }
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                browserError(
                  `the browser was not sent to ${run.redirectUri} within ${run.timeoutMs} ms after the last step (still on ${page.url().split('?')[0]})`,
                ),
              ),
            run.timeoutMs,
          );
        });
        try {
          return await Promise.race([redirected, timeout]);
        } finally {
          clearTimeout(timer);
        }
      } catch (err) {
        if (isCardcheckError(err, 'browser-failed')) throw err;
        // Playwright's messages name the selector and what it waited for; its call log is left out.
        throw browserError(`browser: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      } finally {
        await context.close().catch(() => {});
      }
    },
    async close(): Promise<void> {
      const b = launched;
      launched = undefined;
      if (b) await (await b.catch(() => undefined))?.close();
    },
  };
}
