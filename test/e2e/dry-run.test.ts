import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck } from '../support/cli.js';

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
      expect(Object.keys(sandbox.stats().requests)).toEqual([]);
      // The OAuth sign-in name is an identifier, not a secret (a card's form shows it).
      const { OAUTH_USERNAME: _name, ...secrets } = sandbox.env;
      for (const secret of Object.values(secrets)) expect(res.stdout + res.stderr).not.toContain(secret);
    } finally {
      await sandbox.close();
    }
  });
});
