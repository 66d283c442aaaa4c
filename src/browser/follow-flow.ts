import type { BrowserContext, Page } from 'playwright-core';
import type { BrowserArtefacts, BrowserRun } from '../core/browser.js';
import { CardcheckError } from '../core/errors.js';
import { artefacts, FlowTrace, saveScreenshot } from './failure-artefacts.js';
import type { FlowStep } from './flow-steps.js';
import { flowSteps, isTimeout, playwrightReason } from './flow-steps.js';

/** How long one step may wait for its page or element, unless the run says otherwise. */
export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/** A step that did not work: what to say, beside the step's label and the page. */
class StepFailed extends Error {}

/**
 * Do the flow in `context`: open the page, each step, then wait for the
 * redirect, which is answered here and never reaches the network (a redirect
 * URI such as https://example.com/cb needs no server). Each step waits at
 * most the step timeout; the whole flow keeps `run.timeoutMs`. A failure
 * names the step, its selector and the page (its URL's secrets blanked), and
 * leaves a screenshot (and with a trace place, the trace) beside the report.
 */
export async function followFlow(context: BrowserContext, run: BrowserRun): Promise<string> {
  const deadline = Date.now() + run.timeoutMs;
  const stepMs = Math.min(run.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, run.timeoutMs);
  // What the current step may wait: the step timeout, or what is left of the flow's deadline when that is less.
  let waited = stepMs;
  const left = () => {
    waited = Math.max(1, Math.min(stepMs, deadline - Date.now()));
    return waited;
  };
  const redactUrl = run.redactUrl ?? ((u: string) => u.split('?')[0] ?? u);
  const { open, steps, redirect } = flowSteps(run);
  const trace = run.artefacts?.trace ? await FlowTrace.start(context) : undefined;
  const filled: string[] = [];
  let current: FlowStep = open;
  let page: Page | undefined;
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
    page = await context.newPage();
    const response = await page.goto(run.url, { timeout: left() });
    if (response && response.status() >= 400)
      throw new StepFailed(`${new URL(run.url).pathname} answered ${response.status()} in the browser`);
    for (const [i, step] of run.steps.entries()) {
      current = steps[i] ?? current;
      if ('fill' in step) {
        filled.push(step.fill);
        // What is typed is a secret: the trace does not record the fill.
        await trace?.pause();
        await page.fill(step.fill, step.with, { timeout: left() });
        await trace?.resume();
      } else await page.click(step.click, { timeout: left() });
    }
    current = redirect;
    return await waitForRedirect(redirected, run, deadline);
  } catch (err) {
    const reason = err instanceof StepFailed ? err.message : await describe(err, page, current, waited);
    const where = page ? redactUrl(page.url()) : redactUrl(run.url);
    let saved: BrowserArtefacts | undefined;
    if (run.artefacts) {
      // The trace first: it stops recording, so the screenshot is not in it.
      const traces = trace ? await trace.save(run.artefacts, run.redact ?? ((t) => t)).catch(() => []) : [];
      const shot = page ? await saveScreenshot(page, run.artefacts, current.key, filled) : undefined;
      saved = artefacts(shot, traces);
    }
    throw new CardcheckError('browser-failed', `browser flow, ${current.label}: ${reason}, on ${where}`, {
      ...(saved ? { browserArtefacts: saved } : {}),
    });
  } finally {
    await trace?.discard().catch(() => {});
  }
}

/** The redirect, within what is left of the flow's deadline. */
async function waitForRedirect(redirected: Promise<string>, run: BrowserRun, deadline: number): Promise<string> {
  const ms = Math.max(1, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new StepFailed(`the browser was not sent to ${run.redirectUri} within the flow's ${run.timeoutMs} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([redirected, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why a step failed, in words: a selector that matched nothing, or one that matched but could not be used. */
async function describe(err: unknown, page: Page | undefined, step: FlowStep, stepMs: number): Promise<string> {
  if (!isTimeout(err) || !page) return playwrightReason(err);
  if (!step.selector) return `the page did not load within ${stepMs} ms`;
  const count = await page
    .locator(step.selector)
    .count()
    .catch(() => undefined);
  if (count === 0) return `no element matches ${JSON.stringify(step.selector)} (waited ${stepMs} ms)`;
  if (count === undefined) return playwrightReason(err);
  return `${count} element${count === 1 ? '' : 's'} match ${JSON.stringify(step.selector)} but could not be used within ${stepMs} ms (hidden, disabled or covered)`;
}
