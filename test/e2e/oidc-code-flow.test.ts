import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import type { OidcServer } from '../support/oidc-server.js';
import { readClient, startOidcServer } from '../support/oidc-server.js';
import { encodedForms } from '../support/registration-server.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * A redirect carrying a code, from a real OpenID Provider (oidc-provider's login and consent pages, in headless
 * Chromium): the code is exchanged, the client is deleted again, and neither the code, the tokens, the client secret
 * nor the password shows in any output.
 */
let server: OidcServer;
beforeAll(async () => {
  server = await startOidcServer();
}, 15_000);
afterAll(() => server?.stop(), 10_000);

const CARD = path.join(ROOT, 'fixtures/cards/oidc-browser/authorization-code.md');

describe('authorization code from oidc-provider, in a browser', () => {
  it('signs in, consents, exchanges the code, deletes the client, and shows no secret', async () => {
    const dir = await tempDir('cardcheck-oidc-code-');
    await writeFile(
      path.join(dir, 'cardcheck.config.yaml'),
      'targets:\n  op:\n    apis:\n      op: "{{env.OP_ORIGIN}}"\n',
    );
    const password = 'pw-never-shown-4f1c2a';
    const env = {
      OP_ORIGIN: server.origin,
      OIDC_INITIAL_ACCESS_TOKEN: server.initialAccessToken,
      OIDC_USER_PASSWORD: password,
    };
    const out = path.join(dir, 'out');
    const res = await cardcheck(
      ['run', CARD, '--browser', '--target', 'op', '--verbose', '--reporter', 'console,json,junit,html', '--out', out],
      { cwd: dir, env },
    );
    expect(res.stdout, res.stderr).toContain('1 card: 1 passed, 0 failed, 0 skipped, 0 errored');
    expect(res.code).toBe(0);
    const reg = server.registrations.at(-1);
    if (!reg) throw new Error('no client was registered');
    expect(await readClient(server.origin, reg)).toBe(401);
    // --verbose shows the token request with the code blanked.
    expect(res.stdout).toMatch(/code=\[redacted\]|"code":\s*"\[redacted\]"/);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      cards: {
        requests: { label: string; response?: { body?: string } }[];
        checks: { kind: string; rule?: string; passed: boolean; notRun?: boolean }[];
      }[];
    };
    const outputs = [res.stdout, res.stderr];
    for (const f of await readdir(out)) outputs.push(await readFile(path.join(out, f), 'utf8'));
    // The code, the access token, the client secret, the registration token and the password.
    expect(server.issued.length).toBeGreaterThanOrEqual(2);
    const secrets = [password, reg.registration_access_token, reg.client_secret ?? '', ...server.issued];
    expect(secrets.every((s) => s.length >= 8)).toBe(true);
    for (const s of secrets) for (const form of encodedForms(s)) for (const o of outputs) expect(o).not.toContain(form);
    expect(results.cards[0]?.requests.map((r) => r.label)).toContain('request');
    // The standards follow-up sent the same code again, and the real server refused it (RFC 6749 §4.1.2).
    expect(results.cards[0]?.requests.map((r) => r.label)).toContain('follow-up followup-code-single-use');
    expect(results.cards[0]?.checks.find((c) => c.rule === 'followup-code-single-use')?.passed).toBe(true);
    // A fresh code would need the person again: the PKCE follow-ups say so instead of passing.
    expect(res.stdout).toContain(
      'follow-up not run: followup-pkce-wrong-verifier (RFC 7636 §4.6): the code comes from a browser flow',
    );
    expect(results.cards[0]?.checks.find((c) => c.rule === 'followup-pkce-verifier-required')).toMatchObject({
      notRun: true,
    });
  }, 60_000);
});
