import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

describe('no secret leaves', () => {
  it('the whole suite with every reporter and --verbose prints and writes none of the secrets the sandbox issued', async () => {
    const sandbox = await startSandbox();
    const out = await tempDir('cardcheck-secrets-');
    const summary = path.join(out, 'step-summary.md');
    try {
      const res = await cardcheck(
        [
          'run',
          'specs',
          '--target',
          'local',
          '--reporter',
          'console,json,junit,html,github',
          '--verbose',
          '--out',
          out,
        ],
        {
          env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary },
        },
      );
      expect(res.code).toBe(0);
      // --verbose really shows exchanges, so the scan is not vacuous.
      expect(res.stdout).toContain('[redacted]');
      const outputs: [string, string][] = [
        ['stdout', res.stdout],
        ['stderr', res.stderr],
      ];
      for (const f of await readdir(out)) outputs.push([f, await readFile(path.join(out, f), 'utf8')]);
      expect(outputs.map(([name]) => name).sort()).toEqual([
        'junit.xml',
        'report.html',
        'results.json',
        'stderr',
        'stdout',
        'step-summary.md',
      ]);
      const secrets = [
        ...sandbox.issuedSecrets(),
        ...Object.entries(sandbox.env)
          // User ids and the OAuth sign-in name are identifiers, not secrets.
          .filter(([k]) => !k.endsWith('_USER_ID') && k !== 'OAUTH_USERNAME')
          .map(([, v]) => v),
      ];
      expect(secrets.length).toBeGreaterThan(30);
      const hits: string[] = [];
      for (const [name, text] of outputs) {
        for (const s of secrets) {
          const forms = [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)];
          if (forms.some((f) => text.includes(f))) hits.push(`${name}: ${s.slice(0, 6)}…`);
        }
      }
      expect(hits).toEqual([]);
      // Ordinary data sharing a key name stays visible (seed 003's error codes).
      expect(outputs.find(([n]) => n === 'results.json')?.[1]).toContain('rate_limited');
    } finally {
      await sandbox.close();
    }
  });
});
