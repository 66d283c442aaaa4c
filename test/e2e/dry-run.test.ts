import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

describe('--dry-run', () => {
  it('prints every request each card would send, redacted, and sends nothing', async () => {
    const sandbox = await startSandbox();
    try {
      const res = await cardcheck(['run', 'specs', '--target', 'local', '--dry-run'], {
        env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin },
      });
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('dry run: nothing was sent');
      expect(res.stdout).toContain(`   1 create client_id           POST ${sandbox.origin}/vcita/platform/v1/apps`);
      expect(res.stdout).toContain(
        `request                    GET ${sandbox.origin}/vcita/platform/v1/apps/{{resolved.client_id}}`,
      );
      expect(res.stdout).toContain('x-auth-token: [redacted] (auth profile rocketchat-admin)');
      expect(res.stdout).toContain('authorization: Basic [redacted]');
      // The standards follow-ups each OAuth card would send, or why not.
      expect(res.stdout).toContain(
        '     follow-up followup-pkce-wrong-verifier (after a 2xx, with a fresh code from POST /authorize)',
      );
      expect(res.stdout).toContain(
        "     follow-up followup-revoked-token-dead (after a 2xx, at the endpoint the API's metadata advertises)",
      );
      expect(res.stdout).toContain(
        '     follow-up followup-registration-deleted: not sent (the card has no cleanup that deletes the client)',
      );
      expect(Object.keys(sandbox.stats().requests)).toEqual([]);
      // The OAuth sign-in name is an identifier, not a secret (a card's form shows it).
      const { OAUTH_USERNAME: _name, ...secrets } = sandbox.env;
      for (const secret of Object.values(secrets)) expect(res.stdout + res.stderr).not.toContain(secret);
    } finally {
      await sandbox.close();
    }
  });

  it('says a production target sends no follow-up, and lists them with --allow-mutations', async () => {
    const dir = await tempDir('cardcheck-dry-run-prod-');
    await writeFile(
      path.join(dir, 'cardcheck.config.yaml'),
      [
        'targets:',
        '  prod:',
        '    production: true',
        '    apis:',
        '      oauth: "https://auth.example.com/oauth"',
        'auth:',
        '  oauth-client:',
        '    type: basic',
        '    username: client-1',
        '    password: "{{env.OAUTH_CLIENT_SECRET}}"',
        'folders:',
        '  specs/oauth:',
        '    api: oauth',
        '    auth: oauth-client',
        '',
      ].join('\n'),
    );
    await mkdir(path.join(dir, 'specs/oauth'), { recursive: true });
    for (const f of ['discovery-metadata.md', 'revoke-token.md'])
      await cp(path.join(ROOT, 'specs/oauth', f), path.join(dir, 'specs/oauth', f));
    const env = { OAUTH_CLIENT_SECRET: 'cs-never-shown-0123456789' };
    const held = await cardcheck(['run', '--target', 'prod', '--dry-run'], { cwd: dir, env });
    expect(held.stdout).toContain(
      '     follow-ups: none (the target does not allow mutations (production: true; --allow-mutations sends them))',
    );
    const allowed = await cardcheck(['run', '--target', 'prod', '--dry-run', '--allow-mutations'], { cwd: dir, env });
    expect(allowed.stdout).toContain('     follow-up followup-revoke-unknown-token (after a 2xx)');
    expect(allowed.stdout).toContain("     follow-ups: none (no follow-up for the discovery pack's request)");
    for (const r of [held, allowed]) expect(r.stdout + r.stderr).not.toContain(env.OAUTH_CLIENT_SECRET);
  });
});
