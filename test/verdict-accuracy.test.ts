import { beforeAll, describe, expect, it } from 'vitest';
import { runCards } from '../src/runner/run-cards.js';
import { listBreaks } from '../src/sandbox/breaks/registry.js';
import { ROOT } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

/** Cleanup journals go to a temp folder, not the repository's .cardcheck/ledger. */
let ledgerDir: string;
beforeAll(async () => {
  ledgerDir = await tempDir('cardcheck-ledger-');
});

/** What a failure message must name for each break: the violated field, status or content type. */
const NAMES: Record<string, RegExp> = {
  'vcita-create-app-drops-client-secret': /client_secret/,
  'vcita-service-token-expires-in-string': /expires_in/,
  'rocketchat-create-error-body-200': /success|application/,
  'rocketchat-create-active-string': /active/,
  'rocketchat-list-drops-oauth-apps': /oauthApps/,
  'youhodler-token-html': /text\/html/,
  'youhodler-token-status-201': /\b201\b/,
  'youhodler-create-account-drops-client-secret': /client_secret/,
};

/** The contract breaks; each standards break (`oauth-<rule>`) is checked by test/e2e/standards-sandbox.test.ts. */
const contractBreaks = () => listBreaks().filter((b) => b.kind !== 'standard');

const verdicts = (cards: { file: string; outcome: string }[]) => cards.map((c) => `${c.outcome} ${c.file}`);

describe('verdict accuracy', () => {
  it('knows what every break in the registry violates', () => {
    expect(Object.keys(NAMES).sort()).toEqual(
      contractBreaks()
        .map((b) => b.name)
        .sort(),
    );
  });

  it.each(contractBreaks().map((b) => [b.name, b] as const))(
    'catches %s with a message naming what it violates',
    async (name, brk) => {
      const result = await runCards({
        cwd: ROOT,
        ledgerDir,
        paths: [`specs/${brk.api}`],
        seed: 1,
        sandbox: { breaks: [name] },
      });
      const catching = result.cards.filter((c) => c.outcome === 'failed' && NAMES[name]?.test(c.reason));
      // Printed so the test log shows each break with the card that caught it.
      console.log(`${name}: caught by ${catching.map((c) => `${c.file} (${c.reason})`).join('; ') || 'NOTHING'}`);
      expect(catching.length).toBeGreaterThan(0);
      // A broken response can hide the id a cleanup needs: such a resource is listed, never silent.
      for (const l of result.leftBehind) expect(l.reason).toMatch(/cleanup .* failed: /);
    },
  );

  it('gives identical verdicts in 20 consecutive runs against the correct sandbox, with zero false failures', async () => {
    const runs: string[][] = [];
    for (let i = 0; i < 20; i++) {
      const result = await runCards({ cwd: ROOT, ledgerDir, paths: ['specs'], seed: i });
      expect(result.summary.failed + result.summary.errored).toBe(0);
      expect(result.leftBehind).toEqual([]);
      runs.push(verdicts(result.cards));
    }
    for (const r of runs) expect(r).toEqual(runs[0]);
    expect(runs[0]?.filter((v) => v.startsWith('passed')).length).toBe(51);
  });
});
