import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtmlReport } from '../../src/report/html/html-report.js';
import { formatSummaryLine } from '../../src/report/summary-text.js';
import { ROOT, sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';

const CHROMIUM = '/usr/bin/chromium';
/** The flags this machine needs (see the machine notes): no sandbox as root, and no background network. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT = path.join(ROOT, 'reports/html-report.png');

let context: BrowserContext;
let page: Page;
let profile: string;
let reportFile: string;
let html: string;
const outside: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: the test setup installs Debian's chromium (scripts/ensure-test-tools.mjs); install it by hand if that failed`,
    );
  const { run } = await sampleRun();
  const dir = await tempDir('cc-html-');
  reportFile = path.join(dir, 'report.html');
  html = toHtmlReport(run);
  await writeFile(reportFile, html);
  profile = await tempDir('cc-chromium-profile-');
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  // The report must open with no network: anything but the file itself is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(pathToFileURL(reportFile).href);
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const visibleCards = () => page.locator('.card:visible');

describe('report.html in headless Chromium', () => {
  it('opens with no network and no script error, and shows the summary and every card', async () => {
    const { run } = await sampleRun();
    expect(await page.locator('#summary-line').textContent()).toBe(formatSummaryLine(run.summary));
    expect(await visibleCards().count()).toBe(13);
    expect(await page.locator('#shown-count').textContent()).toBe('13');
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows skip and failure reasons without expanding, and card titles as text, never as markup', async () => {
    const skipped = page.locator('.card[data-outcome=skipped]');
    await expect.poll(() => skipped.locator('.reason').isVisible()).toBe(true);
    expect(await skipped.locator('.reason').textContent()).toMatch(
      /^This endpoint implements OAuth 2\.0 Authorization Code flow/,
    );
    const schemaCard = page.locator('.card', { hasText: 'expects" a count' });
    expect(await schemaCard.locator('.title').textContent()).toBe(
      'Lists apps <b>&</b> "expects" a count it never gets',
    );
    expect(await schemaCard.locator('.title b').count()).toBe(0);
    expect(await schemaCard.locator('.reason').textContent()).toBe(
      'required field /total is missing; /success must be string',
    );
  });

  it('filters by outcome', async () => {
    await page.locator('input[name=outcome][value=passed]').uncheck();
    expect(await page.locator('.card[data-outcome=passed]:visible').count()).toBe(0);
    expect(await visibleCards().count()).toBe(5);
    expect(await page.locator('#shown-count').textContent()).toBe('5');
    await page.locator('input[name=outcome][value=passed]').check();
    expect(await visibleCards().count()).toBe(13);
  });

  it('filters by domain and by tag', async () => {
    await page.locator('#filter-tag').selectOption('report-fixture');
    expect(await visibleCards().locator('.file').allTextContents()).toEqual([
      'fixtures/cards/failing/fails-schema.md:9',
      'fixtures/cards/failing/flaky/fails-once.md:6',
    ]);
    await page.locator('#filter-tag').selectOption('');
    await page.locator('#filter-domain').selectOption('reports');
    expect(await visibleCards().locator('.endpoint').allTextContents()).toEqual(['GET /flaky']);
    await page.locator('#filter-domain').selectOption('');
  });

  it('searches endpoint, title, file and reason; says when nothing matches', async () => {
    await page.locator('#search').fill('authorization code');
    expect(await visibleCards().locator('.file').allTextContents()).toEqual([
      'specs/vcita/exchange-authorization-code.md:11',
    ]);
    await page.locator('#search').fill('/total');
    expect(await visibleCards().locator('.file').allTextContents()).toEqual([
      'fixtures/cards/failing/fails-schema.md:9',
    ]);
    await page.locator('#search').fill('no card says this');
    expect(await visibleCards().count()).toBe(0);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await page.locator('#search').fill('');
    expect(await page.locator('#no-match').isVisible()).toBe(false);
  });

  it('expands a failed card to its highlighted checks and its redacted request and response', async () => {
    const card = page.locator('.card[data-outcome=failed]', { hasText: 'expects" a count' });
    const failedRows = card.locator('tr.check-failed');
    expect(await failedRows.first().isVisible()).toBe(false);
    await card.locator('summary').first().click();
    expect(await failedRows.count()).toBe(2);
    expect(await failedRows.nth(0).innerText()).toMatch(
      /schema\s+\/total\s+present\s+missing\s+required field \/total is missing/,
    );
    expect(await failedRows.nth(1).innerText()).toMatch(
      /schema\s+\/success\s+string\s+true\s+\/success must be string/,
    );
    // The failed rows are highlighted (the stylesheet's light red), not just marked.
    expect(
      await page.evaluate(
        "getComputedStyle(document.querySelector('.card[data-outcome=failed] tr.check-failed')).backgroundColor",
      ),
    ).toBe('rgb(255, 235, 233)');
    expect(await card.locator('tr.check-passed').innerText()).toMatch(/status\s+200\s+200/);
    const exchange = card.locator('details.exchange').first();
    expect(await exchange.locator('summary').innerText()).toMatch(
      /request GET http:\/\/127\.0\.0\.1:\d+\/vcita\/platform\/v1\/apps → 200/,
    );
    await exchange.locator('summary').click();
    expect(await exchange.locator('pre.headers').first().innerText()).toContain('authorization: Bearer [redacted]');
    expect(await exchange.locator('pre.body').innerText()).toContain('"success": true');
    // Other cards stay closed.
    expect(await page.locator('.card[data-outcome=passed] table.checks:visible').count()).toBe(0);
  });

  it('shows the coverage table and the left-behind section', async () => {
    const { run } = await sampleRun();
    expect(await page.locator('#coverage tbody tr').count()).toBe(run.coverage.length);
    expect(await page.locator('#coverage').innerText()).toMatch(
      /coverage: \d+ endpoints, \d+ of \d+ documented statuses exercised/,
    );
    expect(await page.locator('#left-behind').innerText()).toContain(
      'Nothing: every resource the run created was removed.',
    );
  });

  it('holds no secret the sandbox issued', async () => {
    const { secrets } = await sampleRun();
    for (const s of secrets) expect(html).not.toContain(s);
  });

  it('saves a screenshot of the failures, one expanded, for a person to look at', async () => {
    for (const o of ['passed', 'skipped']) await page.locator(`input[name=outcome][value=${o}]`).uncheck();
    await page.evaluate('window.scrollTo(0, 0)');
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    const png = await readFile(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });
});
