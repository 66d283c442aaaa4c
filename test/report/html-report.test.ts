import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/core/result.js';
import { toHtmlReport } from '../../src/report/html/html-report.js';
import { formatSummaryLine } from '../../src/report/summary-text.js';
import { openOffline } from '../support/chromium.js';
import { ROOT, sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';

/** Left for a person to look at (reports/ is git-ignored). */
const SCREENSHOT = path.join(ROOT, 'reports/html-report.png');

let context: BrowserContext;
let page: Page;
let html: string;
let outside: string[];
let pageErrors: string[];

beforeAll(async () => {
  const { run } = await sampleRun();
  const reportFile = path.join(await tempDir('cc-html-'), 'report.html');
  html = toHtmlReport(run);
  await writeFile(reportFile, html);
  ({ context, page, outside, pageErrors } = await openOffline(reportFile));
}, 60_000);

afterAll(async () => {
  await context?.close();
});

const visibleCards = () => page.locator('.card:visible');
/** A table row's cells as a person reads them across, one space apart. */
const rowText = async (row: Locator) => (await row.locator('td').allTextContents()).join(' ');
/** True when the page is no wider than the window: nothing to scroll sideways to. */
const fitsTheWindow = () =>
  page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

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
      'fixtures/cards/failing/fails-schema.md:28:18',
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
      'fixtures/cards/failing/fails-schema.md:28:18',
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
    expect(await rowText(failedRows.nth(0))).toMatch(
      /schema\s+\/total\s+present\s+missing\s+required field \/total is missing/,
    );
    expect(await rowText(failedRows.nth(1))).toMatch(/schema\s+\/success\s+string\s+true\s+\/success must be string/);
    // The failed rows are highlighted (the stylesheet's light red), not just marked.
    expect(
      await page.evaluate(
        "getComputedStyle(document.querySelector('.card[data-outcome=failed] tr.check-failed')).backgroundColor",
      ),
    ).toBe('rgb(255, 235, 233)');
    expect(await rowText(card.locator('tr.check-passed'))).toMatch(/status\s+200\s+200/);
    const exchange = card.locator('details.exchange').first();
    expect(await exchange.locator('summary').textContent()).toMatch(
      /request GET http:\/\/127\.0\.0\.1:\d+\/vcita\/platform\/v1\/apps → 200/,
    );
    await exchange.locator('summary').click();
    const headers = exchange.locator('pre.headers').first();
    expect(await headers.isVisible()).toBe(true);
    expect(await headers.textContent()).toContain('authorization: Bearer [redacted]');
    expect(await exchange.locator('pre.body').isVisible()).toBe(true);
    expect(await exchange.locator('pre.body').textContent()).toContain('"success": true');
    // Other cards stay closed.
    expect(await page.locator('.card[data-outcome=passed] table.checks:visible').count()).toBe(0);
  });

  it('shows the coverage table and the left-behind section', async () => {
    const { run } = await sampleRun();
    expect(await page.locator('#coverage tbody tr').count()).toBe(run.coverage.length);
    expect(await page.locator('#coverage').textContent()).toMatch(
      /coverage: \d+ endpoints, \d+ of \d+ documented statuses exercised/,
    );
    expect(await page.locator('#left-behind').textContent()).toContain(
      'Nothing: every resource the run created was removed.',
    );
  });

  it('holds no secret the sandbox issued', async () => {
    const { secrets } = await sampleRun();
    for (const s of secrets) expect(html).not.toContain(s);
  });

  it('shows the failures as a person sees them: each outcome counted, the failed check expanded, nothing off-screen (saved as a screenshot)', async () => {
    const { run } = await sampleRun();
    const outcomes: Outcome[] = ['failed', 'errored', 'flaky', 'skipped', 'passed'];
    for (const o of outcomes) {
      const tile = page.locator(`.tile-${o}`);
      expect(await tile.isVisible()).toBe(true);
      expect(await tile.textContent()).toBe(`${run.summary[o]}${o}`);
      expect(await page.locator('.filters label', { has: page.locator(`input[value=${o}]`) }).textContent()).toBe(
        ` ${o} (${run.summary[o]})`,
      );
      expect(await page.locator(`.card[data-outcome=${o}]`).count()).toBe(run.summary[o]);
    }
    expect(run.summary).toMatchObject({ failed: 2, errored: 1, flaky: 1, skipped: 1, passed: 8 });

    for (const o of ['passed', 'skipped']) await page.locator(`input[name=outcome][value=${o}]`).uncheck();
    // Failing cards first: what a person opens the report for.
    expect(await visibleCards().locator('.badge').allTextContents()).toEqual(['failed', 'failed', 'errored', 'flaky']);
    expect(await page.locator('#shown-count').textContent()).toBe('4');

    const statusCard = page.locator('.card[data-outcome=failed]', { hasText: 'wrong status' });
    await statusCard.locator('summary').first().click();
    const failed = statusCard.locator('tr.check-failed');
    expect(await failed.isVisible()).toBe(true);
    expect(await failed.locator('td').allTextContents()).toEqual([
      '✗ status',
      '',
      '201',
      '200',
      'expected status 201, got 200',
    ]);
    expect(await fitsTheWindow()).toBe(true);

    await page.evaluate('window.scrollTo(0, 0)');
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    const png = await readFile(SCREENSHOT);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('shows no secret and stays within the window with every card, request and response open', async () => {
    for (const o of ['passed', 'skipped']) await page.locator(`input[name=outcome][value=${o}]`).check();
    await page.locator('#expand-all').click();
    await page.evaluate("for (const d of document.querySelectorAll('details.exchange')) d.open = true");
    const lastBody = page.locator('.card').last().locator('pre.body').last();
    expect(await lastBody.isVisible()).toBe(true);
    const shown = (await page.locator('body').textContent()) ?? '';
    expect(shown).toContain('[redacted]');
    const { secrets } = await sampleRun();
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((s) => shown.includes(s))).toEqual([]);
    expect(await fitsTheWindow()).toBe(true);
  });
});
