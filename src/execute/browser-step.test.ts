import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { card, directoryConfig, freshApp, useVcitaSandbox, writeCards } from '../../test/support/temp-cards.js';
import type { BrowserDriver, BrowserRun } from '../core/browser.js';
import { runCards } from '../runner/run-cards.js';

const { sandbox } = useVcitaSandbox({ beforeAll, afterAll });

/** A driver that records each flow and answers with the redirect `answer` makes of it. */
function fakeDriver(answer: (run: BrowserRun) => string): BrowserDriver & { runs: BrowserRun[] } {
  const runs: BrowserRun[] = [];
  const follow = async (run: BrowserRun) => {
    runs.push(run);
    return answer(run);
  };
  return { runs, follow, close: async () => {} };
}

const browserCard = (extra: Record<string, unknown> = {}) =>
  card({
    endpoint: 'GET /platform/v1/apps/{{resolved.client_id}}',
    uid: {
      client_id: freshApp('client_id'),
      code: {
        from_person: 'a person consents',
        browser: {
          open: '/oauth/authorize?client_id={{resolved.client_id}}',
          steps: [{ fill: '#username', with: '{{env.VCITA_USERNAME}}' }, { click: '#allow' }],
          redirect_uri: 'https://example.com/cb',
        },
        extract_from: 'code',
        ...extra,
      },
    },
    request: {
      method: 'GET',
      path: '/platform/v1/apps/{{resolved.client_id}}',
      headers: { 'X-Code': '{{resolved.code}}' },
    },
    expect: { status: 200 },
  });

async function run(driver: BrowserDriver) {
  const dir = await writeCards({ 'c.md': browserCard() });
  return runCards({
    paths: ['.'],
    cwd: dir,
    target: sandbox().apis.vcita,
    env: { ...sandbox().env },
    config: directoryConfig(),
    browser: driver,
    ledgerDir: false,
    trace: 'on',
  });
}

describe('browser steps', () => {
  it("open the page on the card's API with every placeholder filled, and take the value from the redirect", async () => {
    const driver = fakeDriver((r) => `${r.redirectUri}?code=ac_from_the_browser&state=x`);
    const result = await run(driver);
    expect(result.cards[0]?.outcome, result.cards[0]?.reason).toBe('passed');
    const flow = driver.runs[0];
    expect(flow?.url).toMatch(new RegExp(`^${sandbox().apis.vcita}/oauth/authorize\\?client_id=\\S+$`));
    expect(flow?.url).not.toContain('{{');
    expect(flow?.steps).toEqual([{ fill: '#username', with: sandbox().env.VCITA_USERNAME }, { click: '#allow' }]);
    expect(flow?.redirectUri).toBe('https://example.com/cb');
    // The value reached the request, and it is treated as a secret.
    const sent = result.cards[0]?.requests.find((r) => r.label === 'request');
    expect(JSON.stringify(sent)).not.toContain('ac_from_the_browser');
  });

  it("error the card, naming the redirect's error, when the flow ends without the value; what was created is cleaned up", async () => {
    const before = sandbox().stats().live.app;
    const result = await run(fakeDriver((r) => `${r.redirectUri}?error=access_denied`));
    expect(result.cards[0]?.outcome).toBe('errored');
    expect(result.cards[0]?.reason).toMatch(
      /^code: the browser reached https:\/\/example\.com\/cb without a "code" parameter \(error=access_denied\) \(c\.md:\d+\)$/,
    );
    expect(sandbox().stats().live.app).toBe(before);
  });

  it("are skipped with the card's reason when the run drives no browser", async () => {
    const dir = await writeCards({ 'c.md': browserCard() });
    const result = await runCards({
      paths: ['.'],
      cwd: dir,
      target: sandbox().apis.vcita,
      env: { ...sandbox().env },
      config: directoryConfig(),
      ledgerDir: false,
    });
    expect(result.cards[0]?.outcome).toBe('skipped');
    expect(result.cards[0]?.reason).toContain('(a person consents)');
  });
});
