import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck, ROOT } from '../support/cli.js';
import { useOidcServer } from '../support/oidc-server.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The standards packs against a real, conformant OAuth server (panva's oidc-provider, test/support/oidc-server.mjs):
 * the cards of fixtures/cards/oidc and fixtures/cards/oidc-standards call its token, introspection, revocation,
 * registration (RFC 7591/7592) and discovery endpoints with the packs at level error. What the server deviates in
 * is in standards-oidc.expected.json, each finding with the clause and why it is accepted, beside a per-rule count
 * of the checks run, so zero findings cannot mean zero checks. Rewrite it after a deliberate change with
 * `UPDATE_EXPECTED=1 npx vitest run test/e2e/standards-oidc.test.ts` and read the diff.
 */

const server = useOidcServer({ beforeAll, afterAll });
const EXPECTED = path.join(ROOT, 'test/e2e/standards-oidc.expected.json');

interface Check {
  kind: string;
  passed: boolean;
  warning?: boolean;
  rule?: string;
  clause?: string;
  actual: string;
  off?: string;
  notRun?: boolean;
}
interface Results {
  summary: Record<string, number>;
  cards: { file: string; outcome: string; checks: Check[] }[];
}
interface Expected {
  /** Why each finding is not a defect of the packs. */
  notes: Record<string, string>;
  findings: { file: string; rule: string; clause: string; found: string; severity: 'warning' | 'error' }[];
  checksPerRule: Record<string, number>;
  /** Follow-ups that could not be sent, with why: not counted as run. */
  notRun: { file: string; rule: string; why: string }[];
}

async function project(): Promise<string> {
  const dir = await tempDir('cardcheck-standards-oidc-');
  await cp(path.join(ROOT, 'fixtures/cards/oidc'), dir, { recursive: true });
  await mkdir(path.join(dir, 'standards'));
  await cp(path.join(ROOT, 'fixtures/cards/oidc-standards'), path.join(dir, 'standards'), { recursive: true });
  return dir;
}

describe('standards packs against oidc-provider', () => {
  it('the packs run on every OAuth endpoint the cards call and find only what the expected-findings file lists', async () => {
    const dir = await project();
    const s = server();
    const result = await cardcheck(
      ['run', '.', '--out', 'out', '--timeout', '5000', '--run-timeout', '20000', '--standards', 'error'],
      { cwd: dir, env: { OIDC_ORIGIN: s.origin, OIDC_INITIAL_ACCESS_TOKEN: s.initialAccessToken } },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('15 cards: 15 passed, 0 failed, 0 skipped, 0 errored');
    expect(result.code).toBe(0);
    const r = JSON.parse(await readFile(path.join(dir, 'out/results.json'), 'utf8')) as Results;
    const findings: Expected['findings'] = [];
    const checksPerRule: Record<string, number> = {};
    const notRun: Expected['notRun'] = [];
    for (const card of [...r.cards].sort((a, b) => a.file.localeCompare(b.file)))
      for (const c of card.checks.filter((x) => x.kind === 'standard')) {
        const rule = c.rule ?? '';
        if (c.notRun) {
          notRun.push({ file: card.file, rule, why: c.off ?? '' });
          continue;
        }
        checksPerRule[rule] = (checksPerRule[rule] ?? 0) + 1;
        if (!c.passed)
          findings.push({
            file: card.file,
            rule,
            clause: c.clause ?? '',
            found: c.actual,
            severity: c.warning ? 'warning' : 'error',
          });
      }
    const sorted = Object.fromEntries(Object.entries(checksPerRule).sort(([a], [b]) => a.localeCompare(b)));
    if (process.env.UPDATE_EXPECTED === '1') {
      const old = JSON.parse(await readFile(EXPECTED, 'utf8').catch(() => '{"notes":{}}')) as Expected;
      const doc: Expected = { notes: old.notes, findings, checksPerRule: sorted, notRun };
      await writeFile(EXPECTED, `${JSON.stringify(doc, null, 2)}\n`);
    }
    const expected = JSON.parse(await readFile(EXPECTED, 'utf8')) as Expected;
    expect(findings).toEqual(expected.findings);
    expect(sorted).toEqual(expected.checksPerRule);
    expect(notRun).toEqual(expected.notRun);
    // Every finding is explained, and the packs checked each kind of endpoint the cards call.
    for (const f of findings) expect(expected.notes[f.rule], f.rule).toBeTruthy();
    for (const rule of ['token-access-token', 'error-code', 'introspection-active', 'revocation-status-200'])
      expect(sorted[rule], rule).toBeGreaterThan(0);
    for (const rule of ['registration-client-id', 'discovery-issuer-match', 'error-invalid-client-401'])
      expect(sorted[rule], rule).toBeGreaterThan(0);
    // The follow-ups that need a fresh code or a second endpoint ran against the real server too.
    for (const rule of [
      'followup-pkce-wrong-verifier',
      'followup-pkce-verifier-required',
      'followup-pkce-plain-refused',
      'followup-revoked-token-dead',
    ])
      expect(sorted[rule], rule).toBeGreaterThan(0);
  });
});
