import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck } from '../support/cli.js';
import { secretHits } from '../support/output-scan.js';
import { tempDir } from '../support/temp-dir.js';

const CARD = 'fixtures/cards/browser/exchange-authorization-code-browser.md';

describe('authorization-code flow in a browser', () => {
  it("is skipped with the card's reason without --browser, and says how to run it", async () => {
    const out = await tempDir('cardcheck-browser-');
    const res = await cardcheck(['run', CARD, '--out', out]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('1 card: 0 passed, 0 failed, 1 skipped, 0 errored');
    // The console shows the reason on one line: its start and what to do; the reports keep all of it.
    expect(res.stdout).toMatch(
      /^ {4}reason: needs \{\{resolved\.code\}\}, which only a person can produce.* … .*--browser to do it in headless Chromium$/m,
    );
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      cards: { reason: string }[];
    };
    expect(results.cards[0]?.reason).toContain(
      'needs {{resolved.code}}, which only a person can produce (a person signs in on /oauth/authorize and allows the app; the code comes back on the redirect)',
    );
  });

  it('names the CARDCHECK_CHROMIUM that is not there and what to do; what the card created is cleaned up', async () => {
    // playwright-core leaves its profile and artifacts folders in TMPDIR when the browser cannot start: give it one to remove.
    const tmp = await tempDir('cardcheck-browser-');
    const res = await cardcheck(['run', CARD, '--browser', '--out', tmp], {
      env: { CARDCHECK_CHROMIUM: '/nonexistent/chromium', TMPDIR: tmp },
    });
    // An errored card: exit 2.
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(
      'CARDCHECK_CHROMIUM names /nonexistent/chromium, which does not exist: set it to a Chromium, Chrome or Edge executable, or unset it to let cardcheck look in the usual places',
    );
    expect(res.stdout).not.toContain('left behind');
  });

  it('with --browser signs in and consents in headless Chromium, exchanges the code, cleans up, and shows no secret', async () => {
    const sandbox = await startSandbox();
    const out = await tempDir('cardcheck-browser-');
    try {
      const res = await cardcheck(
        [
          'run',
          CARD,
          '--browser',
          '--target',
          'local',
          '--verbose',
          '--reporter',
          'console,json,junit,html',
          '--out',
          out,
        ],
        {
          env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin },
        },
      );
      expect(res.stdout, res.stderr).toContain('1 card: 1 passed, 0 failed, 0 skipped, 0 errored');
      expect(res.code).toBe(0);
      // Which browser ran the flow, and how it was found.
      expect(res.stdout).toMatch(
        /^browser: \S.* \((CARDCHECK_CHROMIUM|system .+|Playwright's .+|Chromium \(snap\))\)$/m,
      );
      // The code was issued by the consent page and exchanged once, then sent again by the standards follow-up
      // (RFC 6749 §4.1.2: a code works once), which the sandbox refused; the app is gone again.
      const stats = sandbox.stats();
      expect(stats.requests['POST /vcita/oauth/authorize']).toBe(1);
      expect(stats.requests['POST /vcita/oauth/token']).toBe(2);
      expect(res.stdout).toContain('(follow-up followup-code-single-use)');
      expect(res.stdout).not.toContain('standard followup-code-single-use');
      expect(stats.live.app).toBe(0);
      // --verbose shows the token request, with the code and the client secret blanked.
      expect(res.stdout).toMatch(/"code":\s*"\[redacted\]"/);
      const secrets = [...sandbox.issuedSecrets(), sandbox.env.VCITA_PASSWORD ?? 'x'];
      expect(await secretHits(res, out, secrets)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
