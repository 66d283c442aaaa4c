import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck } from '../support/cli.js';
import { secretHits } from '../support/output-scan.js';
import { tempDir } from '../support/temp-dir.js';

const CARD = 'fixtures/cards/browser/oauth-code-browser.md';

describe("the oauth sandbox's sign-in page with --browser", () => {
  it('signs in in headless Chromium, exchanges the code with PKCE, replays it as the follow-up, shows no secret', async () => {
    const sandbox = await startSandbox();
    const out = await tempDir('cardcheck-oauth-browser-');
    try {
      const res = await cardcheck(
        ['run', CARD, '--browser', '--target', 'local', '--reporter', 'console,json', '--out', out],
        { env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin } },
      );
      expect(res.stdout, res.stderr).toContain('1 card: 1 passed, 0 failed, 0 skipped, 0 errored');
      expect(res.code).toBe(0);
      const stats = sandbox.stats();
      expect(stats.requests['GET /oauth/authorize']).toBe(1);
      expect(stats.requests['POST /oauth/authorize']).toBe(1);
      // The exchange, then the followup-code-single-use replay, which the sandbox refused.
      expect(stats.requests['POST /oauth/token']).toBe(2);
      const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
        cards: { checks: { kind: string; rule?: string; passed: boolean }[] }[];
      };
      const standards = results.cards.flatMap((c) => c.checks.filter((k) => k.kind === 'standard'));
      expect(standards.find((k) => k.rule === 'followup-code-single-use')).toMatchObject({ passed: true });
      expect(standards.filter((k) => !k.passed)).toEqual([]);
      const secrets = [...sandbox.issuedSecrets(), sandbox.env.OAUTH_PASSWORD ?? 'x'];
      expect(await secretHits(res, out, secrets)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
