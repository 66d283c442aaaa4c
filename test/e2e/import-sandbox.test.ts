import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

interface ResultCard {
  file: string;
  outcome: string;
  checks: { kind: string; passed: boolean; message?: string; line?: number }[];
  diagnostics: { ruleId: string; severity: string; line: number; message: string }[];
}

type ApiName = 'vcita' | 'rocketchat' | 'youhodler' | 'oauth';

/** Why a card that did not pass did not: its first failed check or error, at its line. */
function whyNot(c: ResultCard): string {
  const check = c.checks.find((k) => !k.passed);
  if (check) return `${path.basename(c.file)}:${check.line} ${check.message}`;
  const error = c.diagnostics.find((d) => d.severity === 'error');
  return error ? `${path.basename(c.file)}:${error.line} ${error.ruleId}` : `${path.basename(c.file)} ${c.outcome}`;
}

/**
 * What a card that does not pass against the sandbox needs, per drafted file: the
 * sandbox does what the description says, but the draft cannot know these values.
 */
const EXPECTED: Record<ApiName, { drafts: number; runnable: number; passed: string[]; not: Record<string, RegExp> }> = {
  vcita: {
    drafts: 8,
    runnable: 6,
    passed: ['create-app.md', 'delete-app.md', 'get-app.md', 'list-apps.md'],
    not: {
      // The consent page wants a registered client_id and its redirect_uri: a query parameter gets no UID step.
      'authorize-page.md': /^authorize-page\.md:\d+ expected status 200, got 400$/,
      // The form's CSRF token comes from the consent page a person opened.
      'authorize-submit.md': /^authorize-submit\.md:\d+ missing-env$/,
      // A code from the consent flow, and the app's client credentials.
      'issue-token.md': /^issue-token\.md:\d+ expected status 200, got 401$/,
      // An app's secret, shown once when it is created.
      'issue-service-token.md': /^issue-service-token\.md:\d+ missing-env$/,
    },
  },
  rocketchat: {
    drafts: 4,
    runnable: 4,
    passed: ['create-oauth-app.md', 'list-oauth-apps.md'],
    not: {
      // appId or clientId (the document cannot say "one of the two"): neither is required, so neither is sent.
      'get-oauth-app.md': /^get-oauth-app\.md:\d+ expected status 200, got 400$/,
      // appId is a body field: only path parameters get a UID step that creates the app first.
      'delete-oauth-app.md': /^delete-oauth-app\.md:\d+ expected status 200, got 400$/,
    },
  },
  youhodler: {
    drafts: 7,
    runnable: 5,
    passed: [
      'create-service-account.md',
      'delete-service-account.md',
      'disable-service-account.md',
      'get-service-account.md',
      'rotate-service-account-secret.md',
    ],
    not: {
      // A service account's secret, shown once when it is created.
      'issue-access-token.md': /^issue-access-token\.md:\d+ missing-env$/,
      // An access token to introspect.
      'introspect-token.md': /^introspect-token\.md:\d+ missing-env$/,
    },
  },
  oauth: {
    drafts: 13,
    runnable: 9,
    passed: ['authorization-server-metadata.md', 'jwks.md', 'openid-configuration.md', 'token.md'],
    not: {
      // The page and the form want a registered client and its redirect_uri, in a query (no UID step).
      'authorize-page.md': /^authorize-page\.md:\d+ expected status 200, got 400$/,
      'authorize-submit.md': /^authorize-submit\.md:\d+ expected status 200, got 400$/,
      // A registration access token (shown once, by POST /register) and tokens from /token: the drafts
      // read them from the environment as the security schemes' credentials.
      'register-client.md': /^register-client\.md:\d+ missing-env$/,
      'read-client.md': /^read-client\.md:\d+ missing-env$/,
      'update-client.md': /^update-client\.md:\d+ missing-env$/,
      'delete-client.md': /^delete-client\.md:\d+ missing-env$/,
      'introspect.md': /^introspect\.md:\d+ missing-env$/,
      'revoke.md': /^revoke\.md:\d+ missing-env$/,
      'resource.md': /^resource\.md:\d+ missing-env$/,
    },
  },
};

describe('cardcheck import of the OpenAPI descriptions the sandbox serves', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it.each(['vcita', 'rocketchat', 'youhodler', 'oauth'] as const)(
    '%s: imported from <api base>/openapi.json, the drafts are lint-clean and run against the embedded sandbox',
    async (api) => {
      const dir = tempDirSync(`cardcheck-import-sandbox-${api}-`);
      cpSync(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
      const url = `${sandbox.apis[api]}/openapi.json`;
      const imported = await cardcheck(['import', url, '--api', api, '--out', `specs/${api}`], { cwd: dir });
      expect(imported.code, imported.stderr).toBe(0);
      const want = EXPECTED[api];
      const summary = /(\d+) drafts: (\d+) runnable, (\d+) need values/.exec(imported.stdout);
      expect(summary, imported.stdout).not.toBeNull();
      const [drafts, runnable] = [Number(summary?.[1]), Number(summary?.[2])];
      expect(imported.stdout).toContain(`${drafts} cards drafted in specs/${api}: lint-clean`);
      expect({ drafts, runnable }).toEqual({ drafts: want.drafts, runnable: want.runnable });
      // The cards name where they came from; the document's base URL is the API's.
      expect(readFileSync(path.join(dir, `specs/${api}`, want.passed[0] as string), 'utf8')).toContain(
        `Imported from \`${url}\``,
      );
      expect(imported.stdout).toContain(`The document's base URL: ${sandbox.apis[api]};`);
      // Rocket.Chat's two header keys together are the config's rocketchat-admin profile, not env variables.
      if (api === 'rocketchat') {
        const draft = readFileSync(path.join(dir, 'specs/rocketchat/create-oauth-app.md'), 'utf8');
        expect(draft).toContain('rocketchat-admin');
        expect(draft).not.toMatch(/env\.ROCKETCHAT_(X_)?USER_ID/);
      }

      // Against the embedded sandbox the run starts (the config's default target), not this one.
      const run = await cardcheck(['run', `specs/${api}`, '--reporter', 'console,json', '--seed', '1'], { cwd: dir });
      expect(run.stderr).not.toContain('left behind');
      const { cards } = JSON.parse(readFileSync(path.join(dir, 'reports/results.json'), 'utf8')) as {
        cards: ResultCard[];
      };
      const passed = cards.filter((c) => c.outcome === 'passed');
      for (const c of passed) {
        const kinds = c.checks.filter((k) => k.passed).map((k) => k.kind);
        expect(kinds, c.file).toContain('status');
        // A 204 has no body to check.
        if (!c.file.endsWith('delete-service-account.md')) expect(kinds, c.file).toContain('schema');
      }
      expect(passed.map((c) => path.basename(c.file)).sort()).toEqual(want.passed);
      const others = cards.filter((c) => c.outcome !== 'passed');
      expect(others.map((c) => path.basename(c.file)).sort()).toEqual(Object.keys(want.not).sort());
      for (const c of others) expect(whyNot(c)).toMatch(want.not[path.basename(c.file)] as RegExp);

      // The figure the README quotes.
      console.log(
        `import-sandbox ${api}: ${drafts} drafts, ${drafts} lint-clean, ${runnable} runnable, ${passed.length} passed (status + schema); not passing: ${others.map(whyNot).join('; ')}`,
      );
    },
  );

  it("is what cardcheck init finds at the API's base URL: the first card calls its first GET and passes", async () => {
    const dir = tempDirSync('cardcheck-init-sandbox-');
    const init = await cardcheck(['init', '--base-url', sandbox.apis.vcita, '--auth', 'bearer', '--yes'], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(
      'first card: GET /platform/v1/apps, from the first GET without parameters of the OpenAPI document at /openapi.json; expects 200',
    );
    const run = await cardcheck(['run'], { cwd: dir, env: { API_TOKEN: sandbox.env.DIRECTORY_TOKEN as string } });
    expect(run.stdout, run.stderr).toContain('1 card: 1 passed, 0 failed, 0 skipped, 0 errored');
  });

  it('says why a URL cannot be read, and shows no query (it may hold a key)', async () => {
    const dir = tempDirSync('cardcheck-import-url-');
    const missing = await cardcheck(['import', `${sandbox.origin}/nowhere/openapi.json?api_key=s3cr3t`], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `cardcheck import: ${sandbox.origin}/nowhere/openapi.json?…: cannot read the URL: the server answered 404`,
    );
    expect(missing.stdout + missing.stderr).not.toContain('s3cr3t');
  });
});
