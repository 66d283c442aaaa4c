import type { Browser } from 'playwright-core';
import type { BrowserDriver, BrowserUsed } from '../core/browser.js';
import { CardcheckError, isCardcheckError } from '../core/errors.js';
import { BROWSER_PACKAGES, importOptional } from '../core/optional-import.js';
import type { FinderHost } from './find-chromium.js';
import { findChromium, noBrowserMessage, realHost } from './find-chromium.js';
import { followFlow } from './follow-flow.js';

/** What went wrong in the browser (Chromium would not start, a selector never appeared, no redirect): the card errors with it. */
const browserError = (message: string) => new CardcheckError('browser-failed', message);

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
 * Drives a Chromium (CARDCHECK_CHROMIUM, one Playwright installed, or the
 * system's Chrome, Chromium or Edge: see find-chromium.ts) through
 * playwright-core, which downloads no browser of its own. The browser starts
 * at the first flow and serves the whole run; each flow gets a fresh context
 * (no cookies carried over).
 */
export function chromiumDriver(host: FinderHost = realHost()): BrowserDriver {
  let launched: Promise<Browser> | undefined;
  let used: BrowserUsed | undefined;
  const browser = () => {
    if (launched) return launched;
    const found = findChromium(host);
    if (!('executablePath' in found)) return Promise.reject(browserError(noBrowserMessage(found, host.platform)));
    const { executablePath } = found;
    launched = importOptional(BROWSER_PACKAGES, () => import('playwright-core'))
      .then(({ chromium }) => chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] }))
      .then((b) => {
        used = found;
        return b;
      })
      .catch((err: unknown) => {
        launched = undefined;
        // playwright-core is not installed: the message says what to install.
        if (isCardcheckError(err, 'local-state')) throw browserError(err.message);
        const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
        throw browserError(
          `could not start the browser at ${executablePath} (${found.source}: ${why}); install Debian's chromium package (\`apt install chromium\`) or \`npx playwright install chromium\`, or set CARDCHECK_CHROMIUM to a Chromium binary`,
        );
      });
    return launched;
  };
  return {
    async follow(run) {
      const context = await (await browser()).newContext();
      try {
        return await followFlow(context, run);
      } finally {
        await context.close().catch(() => {});
      }
    },
    used: () => used,
    async close(): Promise<void> {
      const b = launched;
      launched = undefined;
      if (b) await (await b.catch(() => undefined))?.close();
    },
  };
}
