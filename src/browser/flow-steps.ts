import type { BrowserRun } from '../core/browser.js';

/** One thing the flow does, as a failure names it and its screenshot is called. */
export interface FlowStep {
  /** `open`, `step2`, `redirect`: the end of the screenshot's name. */
  key: string;
  /** `step 2 of 3 (fill "#password")`. */
  label: string;
  selector?: string;
}

/** The flow's steps in order: open the page, the card's steps (numbered as written), wait for the redirect. */
export function flowSteps(run: BrowserRun): { open: FlowStep; steps: FlowStep[]; redirect: FlowStep } {
  const n = run.steps.length;
  const steps = run.steps.map((s, i) => {
    const [verb, selector] = 'fill' in s ? ['fill', s.fill] : ['click', s.click];
    return { key: `step${i + 1}`, label: `step ${i + 1} of ${n} (${verb} ${JSON.stringify(selector)})`, selector };
  });
  return {
    open: { key: 'open', label: 'opening the page (goto)' },
    steps,
    redirect: { key: 'redirect', label: `waiting for the redirect to ${run.redirectUri}` },
  };
}

/** What went wrong in a step, from Playwright's error: its first line, without the `page.fill: ` prefix and call log. */
export function playwrightReason(err: unknown): string {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  return first.replace(/^[a-zA-Z]+\.[a-zA-Z]+: /, '');
}

/** Whether Playwright gave up waiting (its TimeoutError). */
export const isTimeout = (err: unknown): boolean => err instanceof Error && err.name === 'TimeoutError';
