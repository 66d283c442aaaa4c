import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CardcheckError } from '../../src/core/errors.js';
import type { RunResult } from '../../src/core/result.js';
import { checkShards, mergeResults } from '../../src/report/merge/merge-results.js';
import { cardcheck } from '../support/cli.js';
import { sampleRun } from '../support/sample-run.js';
import { tempDir } from '../support/temp-dir.js';
import { validateJunit, xpath } from '../support/xmllint.js';

let root: string;
const dirOf = (name: string) => path.join(root, name);
const readJson = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as RunResult;

beforeAll(async () => {
  root = await tempDir('cc-merge-');
  const runs = [cardcheck(['run', 'specs', '--seed', '3', '--out', dirOf('whole')])];
  for (let i = 1; i <= 3; i++)
    runs.push(cardcheck(['run', 'specs', '--shard', `${i}/3`, '--out', dirOf(`shard-${i}`)]));
  for (const r of await Promise.all(runs)) expect(r.code).toBe(0);
}, 60_000);

describe('cardcheck merge-reports', () => {
  it('merges 3 shards of specs/ into results.json, junit.xml and report.html with the verdicts of the whole run', async () => {
    const res = await cardcheck([
      'merge-reports',
      dirOf('shard-1'),
      dirOf('shard-2'),
      dirOf('shard-3'),
      '--out',
      dirOf('merged'),
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const whole = await readJson(dirOf('whole'));
    const merged = await readJson(dirOf('merged'));
    const { durationMs: _a, ...wholeCounts } = whole.summary;
    const { durationMs: _b, ...mergedCounts } = merged.summary;
    expect(mergedCounts).toEqual(wholeCounts);
    expect(merged.summary.total).toBe(52);
    const verdicts = (r: RunResult) => r.cards.map((c) => `${c.outcome} ${c.file}`).sort();
    expect(verdicts(merged)).toEqual(verdicts(whole));
    expect(merged.shard).toBeUndefined();
    expect(merged.mergedFrom?.map((m) => `${m.index}/${m.total}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(merged.coverage.map((c) => c.endpoint).sort()).toEqual(whole.coverage.map((c) => c.endpoint).sort());
    // The shards ran with the default --trace: passing cards kept no exchanges, and the merged result says so.
    expect(merged.trace).toBe('retain-on-failure');
    expect(merged.cards.filter((c) => c.outcome === 'passed').every((c) => c.requestsKept === false)).toBe(true);
    const junit = path.join(dirOf('merged'), 'junit.xml');
    expect(validateJunit(junit)).toBe('');
    expect(xpath(junit, 'count(//testcase)')).toBe('52');
    expect(xpath(junit, 'string(/testsuites/@tests)')).toBe('52');
    const html = await readFile(path.join(dirOf('merged'), 'report.html'), 'utf8');
    expect(html).toContain('merged from 3 shards');
    expect(res.stdout).toContain('52 cards: 51 passed, 0 failed, 1 skipped, 0 errored');
    expect(res.stdout).toMatch(/^faker seeds: shard 1\/3 \d+, shard 2\/3 \d+, shard 3\/3 \d+/m);
    expect(res.stdout).toMatch(/^junit: .*junit\.xml$/m);
  });

  it('takes --fail-on-flaky as run does: a flaky card in a shard exits 0, 1 with the flag', async () => {
    // Shard 1's first passing card, as a card that passed on a retry would be recorded.
    for (const i of [1, 2, 3]) {
      const run = await readJson(dirOf(`shard-${i}`));
      if (i === 1) {
        const card = run.cards.find((c) => c.outcome === 'passed');
        if (card) card.outcome = 'flaky';
        run.summary = { ...run.summary, passed: run.summary.passed - 1, flaky: run.summary.flaky + 1 };
      }
      await mkdir(dirOf(`flaky-${i}`), { recursive: true });
      await writeFile(path.join(dirOf(`flaky-${i}`), 'results.json'), JSON.stringify(run));
    }
    const shards = [1, 2, 3].map((i) => dirOf(`flaky-${i}`));
    const plain = await cardcheck(['merge-reports', ...shards, '--out', dirOf('flaky-merged'), '--reporter', 'json']);
    expect(plain.code, plain.stderr).toBe(0);
    expect((await readJson(dirOf('flaky-merged'))).summary.flaky).toBe(1);
    const strict = await cardcheck([
      'merge-reports',
      ...shards,
      '--out',
      dirOf('flaky-merged'),
      '--reporter',
      'json',
      '--fail-on-flaky',
    ]);
    expect(strict.code, strict.stderr).toBe(1);
  });

  it('fails with exit 2 and writes nothing when a shard is missing', async () => {
    const res = await cardcheck(['merge-reports', dirOf('shard-1'), dirOf('shard-3'), '--out', dirOf('missing')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('cardcheck merge-reports: shard 2/3 is missing');
    expect(res.stderr).toContain('nothing was written');
    expect(existsSync(dirOf('missing'))).toBe(false);
  });

  it('fails with exit 2 when a shard is given twice', async () => {
    const res = await cardcheck([
      'merge-reports',
      dirOf('shard-1'),
      dirOf('shard-2'),
      dirOf('shard-2'),
      dirOf('shard-3'),
      '--out',
      dirOf('twice'),
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/shard 2\/3 is given twice: .*shard-2\/results\.json and .*shard-2\/results\.json/);
  });

  it('fails with exit 2 on an unsharded run, a folder without results.json, or a file that is not one', async () => {
    const bogus = dirOf('bogus');
    await mkdir(bogus, { recursive: true });
    await writeFile(path.join(bogus, 'results.json'), JSON.stringify({ format: 'cardcheck-results/4', cards: 'none' }));
    const res = await cardcheck(['merge-reports', dirOf('whole'), dirOf('nowhere'), bogus, '--out', dirOf('bad')]);
    expect(res.code).toBe(2);
    const res2 = await cardcheck(['merge-reports', dirOf('whole'), '--out', dirOf('bad')]);
    expect(res2.stderr).toMatch(/whole\/results\.json is not a shard \(its run had no --shard\)/);
    expect(res.stderr).toMatch(/nowhere\/results\.json: there is no such file/);
    const res3 = await cardcheck(['merge-reports', bogus, '--out', dirOf('bad')]);
    expect(res3.stderr).toMatch(
      /bogus\/results\.json is not a cardcheck results file \(format cardcheck-results\/4\): /,
    );
  });
});

describe('mergeResults', () => {
  it('names shards whose totals disagree', async () => {
    const { run } = await sampleRun();
    const inputs = [
      { source: 'a', run: { ...run, shard: { index: 1, total: 2 } } },
      { source: 'b', run: { ...run, shard: { index: 2, total: 3 } } },
    ];
    expect(() => checkShards(inputs)).toThrow(CardcheckError);
    expect(() => checkShards(inputs)).toThrow('the shards disagree on the total: a is 1/2, b is 2/3');
  });

  it('joins coverage: statuses are united, and an endpoint is only-skipped only when it is in every shard', async () => {
    const { run } = await sampleRun();
    const row = {
      api: 'vcita',
      endpoint: 'POST /oauth/token',
      documented: [200],
      exercised: [] as number[],
      skippedOnly: ['needs a browser'],
    };
    const a = { ...run, cards: run.cards.slice(0, 5), shard: { index: 1, total: 2 }, coverage: [row] };
    const b = {
      ...run,
      cards: run.cards.slice(5),
      shard: { index: 2, total: 2 },
      coverage: [{ api: 'vcita', endpoint: 'POST /oauth/token', documented: [400], exercised: [400] }],
    };
    const merged = mergeResults([
      { source: 'b', run: b },
      { source: 'a', run: a },
    ]);
    expect(merged.coverage).toEqual([
      { api: 'vcita', endpoint: 'POST /oauth/token', documented: [200, 400], exercised: [400] },
    ]);
    expect(merged.summary.total).toBe(run.cards.length);
    expect(merged.cards.map((c) => c.file)).toEqual([...run.cards.map((c) => c.file)].sort());
    const again = mergeResults([
      { source: 'a', run: a },
      { source: 'b', run: b },
    ]);
    expect(again).toEqual(merged);
  });

  it("keeps the shards' --trace when they agree, and leaves it out when they do not", async () => {
    const { run } = await sampleRun();
    const shard = (index: number, trace: RunResult['trace']) => ({
      source: `s${index}`,
      run: {
        ...run,
        cards: index === 1 ? run.cards.slice(0, 5) : run.cards.slice(5),
        shard: { index, total: 2 },
        trace,
      },
    });
    expect(mergeResults([shard(1, 'on'), shard(2, 'on')]).trace).toBe('on');
    expect(mergeResults([shard(1, 'on'), shard(2, 'off')]).trace).toBeUndefined();
  });

  it('keeps the browser the shards used when they agree (a shard without browser flows does not count)', async () => {
    const { run } = await sampleRun();
    const chromium = { executablePath: '/usr/bin/chromium', source: 'system Chromium' };
    const shard = (index: number, browser?: RunResult['browser']) => ({
      source: `s${index}`,
      run: {
        ...run,
        cards: index === 1 ? run.cards.slice(0, 5) : run.cards.slice(5),
        shard: { index, total: 2 },
        ...(browser ? { browser } : {}),
      },
    });
    expect(mergeResults([shard(1, chromium), shard(2)]).browser).toEqual(chromium);
    const other = { executablePath: '/opt/chrome', source: 'CARDCHECK_CHROMIUM' };
    expect(mergeResults([shard(1, chromium), shard(2, other)]).browser).toBeUndefined();
  });
});
