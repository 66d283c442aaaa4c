import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardResult } from '../../src/core/result.js';
import { runCards } from '../../src/runner/run-cards.js';
import { listBreaks } from '../../src/sandbox/breaks/registry.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { STANDARD_RULES } from '../../src/standards/rules.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Verdict accuracy of the standards packs (issue 17) on the sandbox's standards-following OAuth API: specs/oauth
 * against the correct sandbox gives 0 standards findings; with each rule's break (`oauth-<rule>`) on, that rule's
 * check fails (the cards' own expectations may fail too).
 */

interface ResultsJson {
  summary: { total: number; passed: number; failed: number; errored: number };
  cards: {
    file: string;
    outcome: string;
    checks: { kind: string; rule?: string; passed: boolean; warning?: boolean }[];
  }[];
  leftBehind: unknown[];
}

const standards = (cards: readonly { checks: readonly { kind: string; rule?: string; passed: boolean }[] }[]) =>
  cards.flatMap((c) => c.checks.filter((k) => k.kind === 'standard'));

/** Rules a conforming answer never triggers: checked only on a member the sandbox does not send. */
const ONLY_WHEN_PRESENT = ['error-uri'];

let ledgerDir: string;
beforeAll(async () => {
  ledgerDir = await tempDir('cardcheck-ledger-');
});

describe('specs/oauth against the correct sandbox', () => {
  it('cardcheck run gives 0 standards findings, runs every rule of the registry, and leaves nothing behind', async () => {
    const out = await tempDir('cardcheck-standards-sandbox-');
    const res = await cardcheck(['run', 'specs/oauth', '--out', out, '--reporter', 'json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ResultsJson;
    expect(results.summary).toMatchObject({ total: 22, passed: 22, failed: 0, errored: 0 });
    const checks = standards(results.cards);
    expect(checks.filter((c) => !c.passed || c.warning)).toEqual([]);
    const ran = new Set(checks.map((c) => c.rule));
    expect(STANDARD_RULES.map((r) => r.id).filter((id) => !ran.has(id))).toEqual(ONLY_WHEN_PRESENT);
    expect(results.leftBehind).toEqual([]);
  });
});

const STANDARD_BREAKS = listBreaks().filter((b) => b.kind === 'standard');

describe('each standards break', () => {
  it('exists for every rule of the registry', () => {
    expect(STANDARD_BREAKS.map((b) => b.rule?.id).sort()).toEqual(STANDARD_RULES.map((r) => r.id).sort());
  });

  it.each(STANDARD_BREAKS.map((b) => [b.name, b.rule?.id ?? ''] as const))(
    '%s fails the check of its rule on specs/oauth',
    async (name, rule) => {
      const result = await runCards({
        cwd: ROOT,
        ledgerDir,
        paths: ['specs/oauth'],
        seed: 1,
        sandbox: { breaks: [name] },
      });
      const failing = (result.cards as CardResult[]).filter((c) =>
        c.checks.some((k) => k.kind === 'standard' && k.rule === rule && !k.passed),
      );
      // Printed so the test log shows each break with the cards that caught it.
      console.log(`${name}: ${failing.map((c) => path.basename(c.file)).join(', ') || 'NOTHING'}`);
      expect(failing.length).toBeGreaterThan(0);
    },
  );
});

describe('a break through the CLI', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ breaks: ['oauth-token-no-store'] });
  });
  afterAll(() => sandbox.close());

  it('cardcheck run against a sandbox with oauth-token-no-store names the rule and clause; results.json has the rule', async () => {
    const out = await tempDir('cardcheck-standards-break-');
    const res = await cardcheck(
      [
        'run',
        'specs/oauth/token-client-credentials.md',
        '--target',
        'local',
        '--out',
        out,
        '--reporter',
        'console,json',
      ],
      { env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin } },
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('standard token-no-store (RFC 6749 §5.1)');
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as ResultsJson;
    expect(standards(results.cards).filter((c) => !c.passed)).toMatchObject([{ rule: 'token-no-store' }]);
    for (const secret of [sandbox.env.OAUTH_CLIENT_SECRET ?? '', ...sandbox.issuedSecrets()])
      expect(res.stdout).not.toContain(secret);
  });
});
