import { describe, expect, it } from 'vitest';
import { flowSteps, isTimeout, playwrightReason } from './flow-steps.js';

describe('flow steps', () => {
  it("are labelled by their number in the card, what they do and their selector; the screenshot's name ends with the key", () => {
    const { open, steps, redirect } = flowSteps({
      url: 'http://127.0.0.1/login',
      steps: [{ fill: '#username', with: 'ada' }, { fill: 'input[name="p"]', with: 'x' }, { click: '#allow' }],
      redirectUri: 'https://example.com/cb',
      timeoutMs: 30_000,
    });
    expect(open).toEqual({ key: 'open', label: 'opening the page (goto)' });
    expect(steps).toEqual([
      { key: 'step1', label: 'step 1 of 3 (fill "#username")', selector: '#username' },
      { key: 'step2', label: 'step 2 of 3 (fill "input[name=\\"p\\"]")', selector: 'input[name="p"]' },
      { key: 'step3', label: 'step 3 of 3 (click "#allow")', selector: '#allow' },
    ]);
    expect(redirect).toEqual({ key: 'redirect', label: 'waiting for the redirect to https://example.com/cb' });
  });

  it("keep Playwright's first line without its method prefix and call log", () => {
    const err = new Error('page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/\nCall log:\n  - navigating…');
    expect(playwrightReason(err)).toBe('net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/');
    const timeout = Object.assign(new Error('page.fill: Timeout 10000ms exceeded.'), { name: 'TimeoutError' });
    expect(isTimeout(timeout)).toBe(true);
    expect(isTimeout(err)).toBe(false);
  });
});
