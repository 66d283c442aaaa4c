import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateSchema } from '../../src/verify/schema.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const ESC = '\u001b[';
let out: string;

beforeAll(async () => {
  out = await tempDir('cc-conventions-');
});

/** One quick card through the console reporter, its stdout a pipe (as `cardcheck run … | cat`). */
const piped = (env: Record<string, string>) =>
  cardcheck(['run', 'specs', '--grep', 'get-app', '--reporter', 'console', '--out', path.join(out, 'colour')], {
    env: { NO_COLOR: '', ...env },
  });

describe('colour follows the ecosystem', () => {
  it('FORCE_COLOR=1 colours a pipe; NO_COLOR=1, TERM=dumb and FORCE_COLOR=0 do not', async () => {
    const forced = await piped({ FORCE_COLOR: '1' });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`${ESC}32m✓ passed`);
    for (const env of [{ NO_COLOR: '1' }, { TERM: 'dumb' }, { FORCE_COLOR: '0', GITHUB_ACTIONS: 'true' }, {}]) {
      const plain = await piped(env);
      expect(plain.stdout, JSON.stringify(env)).toContain('✓ passed');
      expect(plain.stdout, JSON.stringify(env)).not.toContain(ESC);
    }
  });

  it('keeps colour in GitHub Actions logs (CI=true, stdout a pipe)', async () => {
    const gha = await piped({ GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: '' });
    expect(gha.stdout).toContain(`${ESC}32m✓ passed`);
  });
});

describe('an empty selection', () => {
  it('keeps the last results.json (so --only-failed still works) and says why nothing was selected', async () => {
    const dir = path.join(out, 'empty');
    const first = await cardcheck(['run', 'specs/vcita', 'fixtures/cards/failing/fails-status.md', '--out', dir]);
    expect(first.code).toBe(1);
    const results = path.join(dir, 'results.json');
    const before = await readFile(results, 'utf8');
    const grep = await cardcheck(['run', 'specs/vcita', '--grep', 'no-card-matches-this', '--out', dir]);
    expect(grep.code).toBe(2);
    expect(grep.stderr).toContain(
      `cardcheck: no card in specs/vcita matches --grep no-card-matches-this; \`cardcheck lint specs/vcita\` lists the cards there (nothing written: the last ${dir}/results.json is kept)`,
    );
    expect(await readFile(results, 'utf8')).toBe(before);
    // The failure is still there to re-run.
    const again = await cardcheck([
      'run',
      'specs/vcita',
      'fixtures/cards/failing/fails-status.md',
      '--only-failed',
      '--out',
      dir,
    ]);
    expect(again.stdout).toContain('1 card: 0 passed, 1 failed');
    const onlyFailed = await cardcheck(['run', 'specs/vcita', '--only-failed', '--out', dir]);
    expect(onlyFailed.code).toBe(2);
    expect(onlyFailed.stderr).toContain('--only-failed: the last');
    expect(onlyFailed.stderr).toContain('lists no failed, errored or flaky card among specs/vcita: nothing to re-run');
    const folder = await tempDir('cc-no-cards-');
    const none = await cardcheck(['run', folder, '--out', dir]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('holds no card files');
  });

  it('a shard with no share writes its results (merge-reports needs every shard) and passes', async () => {
    const dir = path.join(out, 'shard-empty');
    const res = await cardcheck(['run', 'specs/vcita/get-app.md', '--shard', '2/2', '--out', dir]);
    expect(res.stderr).toContain(
      'shard 2/2 has no card: the 1 selected card (in chains kept together) went to the other shards',
    );
    expect(res.code).toBe(0);
    const written = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as { shard: unknown };
    expect(written.shard).toMatchObject({ index: 2, total: 2, selected: ['specs/vcita/get-app.md'] });
  });
});

describe('lint for CI', () => {
  const INVALID = 'fixtures/cards/invalid/chain-cycle';

  it('--format github prints an annotation at each finding’s line and exits as text does', async () => {
    const text = await cardcheck(['lint', INVALID]);
    const gh = await cardcheck(['lint', INVALID, '--format', 'github']);
    expect(gh.code).toBe(text.code);
    expect(gh.code).toBe(2);
    const annotations = gh.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations)
      expect(a).toMatch(
        /^::(error|warning) file=fixtures\/cards\/invalid\/chain-cycle\/[^,]+,line=\d+,col=\d+,title=cardcheck [a-z-]+::\S/,
      );
    // One line each: newlines in a message or hint are escaped as GitHub's toolkit does.
    expect(annotations).toHaveLength(
      text.stdout.split('\n').filter((l) => /^fixtures\/\S+:\d+:\d+ (error|warning) [a-z-]+ /.test(l)).length,
    );
    expect(gh.stdout).toMatch(/^\d+ cards? checked: \d+ errors?, \d+ warnings?$/m);
  });

  it('--format sarif writes a SARIF 2.1.0 log with each finding’s rule, file, line and column', async () => {
    const res = await cardcheck(['lint', 'fixtures/cards/invalid', '--format', 'sarif']);
    expect(res.code).toBe(2);
    const log = JSON.parse(res.stdout) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/support/sarif-2.1.0-subset.schema.json'), 'utf8'));
    expect(validateSchema(schema, log)).toEqual([]);
    const [run] = log.runs;
    const json = JSON.parse((await cardcheck(['lint', 'fixtures/cards/invalid', '--format', 'json'])).stdout) as {
      ruleId: string;
      file: string;
      line: number;
      severity: string;
    }[];
    // The findings; the json format's info lines (which standards pack a card gets) are not findings.
    const findings = json.filter((d) => d.severity !== 'info');
    expect(findings.length).toBeGreaterThan(0);
    expect(
      run?.results.map((r) => [
        r.ruleId,
        r.locations[0]?.physicalLocation.artifactLocation.uri,
        r.locations[0]?.physicalLocation.region.startLine,
      ]),
    ).toEqual(findings.map((d) => [d.ruleId, encodeURI(d.file), Math.max(1, d.line)]));
    for (const r of run?.results ?? []) expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
  });
});
