import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARD_SOURCES } from '../../src/ci/shard-env.js';
import type { RunResult } from '../../src/core/result.js';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

let root: string;
const dirOf = (name: string) => path.join(root, name);
const readJson = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as RunResult;
const verdicts = (r: RunResult) => r.cards.map((c) => `${c.outcome} ${c.file}`).sort();
const counts = (r: RunResult) => {
  const { durationMs: _, ...rest } = r.summary;
  return rest;
};

/** Every shard variable any CI sets, blank (blank counts as unset), so the test machine's own CI does not leak in. */
const NO_SHARD_ENV = Object.fromEntries(SHARD_SOURCES.flatMap((s) => [s.index, s.total]).map((v) => [v, '']));

/** Each CI's variables for shard i (1-based) of 4, as that CI writes them. */
const CI_ENV: Record<string, (i: number) => Record<string, string>> = {
  'GitHub Actions (the workflow’s matrix)': (i) => ({
    GITHUB_ACTIONS: 'true',
    CARDCHECK_SHARD_INDEX: String(i),
    CARDCHECK_SHARD_TOTAL: '4',
  }),
  GitLab: (i) => ({ CI_NODE_INDEX: String(i), CI_NODE_TOTAL: '4' }),
  Buildkite: (i) => ({ BUILDKITE_PARALLEL_JOB: String(i - 1), BUILDKITE_PARALLEL_JOB_COUNT: '4' }),
  CircleCI: (i) => ({ CIRCLE_NODE_INDEX: String(i - 1), CIRCLE_NODE_TOTAL: '4' }),
  'Kubernetes Indexed Job': (i) => ({ JOB_COMPLETION_INDEX: String(i - 1), CARDCHECK_SHARD_TOTAL: '4' }),
};

const run = (args: string[], env: Record<string, string> = {}) =>
  cardcheck(['run', 'specs', '--reporter', 'json', ...args], { env: { ...NO_SHARD_ENV, ...env } });

beforeAll(async () => {
  root = await tempDir('cc-shard-auto-');
  const whole = await run(['--out', dirOf('whole')]);
  expect(whole.code).toBe(0);
}, 60_000);

describe('run --shard auto', () => {
  for (const [ci, envFor] of Object.entries(CI_ENV))
    it(`splits specs/ over 4 shards from ${ci}’s variables; merge-reports gives the unsharded totals`, async () => {
      const slug = ci.replace(/\W+/g, '-');
      const shards = await Promise.all(
        [1, 2, 3, 4].map((i) => run(['--shard', 'auto', '--out', dirOf(`${slug}-${i}`)], envFor(i))),
      );
      shards.forEach((s, i) => {
        expect(s.code).toBe(0);
        expect(s.stderr).toMatch(new RegExp(`--shard auto: shard ${i + 1}/4 from `));
      });
      const merged = await cardcheck(
        [
          'merge-reports',
          ...[1, 2, 3, 4].map((i) => dirOf(`${slug}-${i}`)),
          '--reporter',
          'json',
          '--out',
          dirOf(slug),
        ],
        { env: NO_SHARD_ENV },
      );
      expect(merged.stderr).toBe('');
      expect(merged.code).toBe(0);
      const whole = await readJson(dirOf('whole'));
      const result = await readJson(dirOf(slug));
      expect(counts(result)).toEqual(counts(whole));
      expect(verdicts(result)).toEqual(verdicts(whole));
    }, 60_000);

  it('runs the whole suite as one shard when no CI variable is set, and says so once', async () => {
    const res = await run(['--shard', 'auto', '--out', dirOf('none')]);
    expect(res.code).toBe(0);
    expect(res.stderr.match(/no CI shard variables are set/g)).toHaveLength(1);
    expect((await readJson(dirOf('none'))).shard).toMatchObject({ index: 1, total: 1, balance: 'count' });
  });

  it('exits 2 naming the variables when they are inconsistent', async () => {
    const res = await run(['--shard', 'auto', '--out', dirOf('bad')], { CI_NODE_INDEX: '5', CI_NODE_TOTAL: '4' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('CI_NODE_INDEX=5 CI_NODE_TOTAL=4');
    expect(res.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('run --shard-timings', () => {
  it('balances by the durations of an earlier results.json, records it, and merge-reports finds a card run twice', async () => {
    const timings = path.join(dirOf('whole'), 'results.json');
    const balanced = await Promise.all(
      [1, 2].map((i) => run(['--shard', `${i}/2`, '--shard-timings', timings, '--out', dirOf(`time-${i}`)])),
    );
    for (const b of balanced) expect(b.code).toBe(0);
    expect((await readJson(dirOf('time-1'))).shard).toMatchObject({ index: 1, total: 2, balance: 'time' });
    const ok = await cardcheck(
      ['merge-reports', dirOf('time-1'), dirOf('time-2'), '--reporter', 'json', '--out', dirOf('time')],
      { env: NO_SHARD_ENV },
    );
    expect(ok.code).toBe(0);
    expect(verdicts(await readJson(dirOf('time')))).toEqual(verdicts(await readJson(dirOf('whole'))));

    // Shard 2 split by count while shard 1 split by time: some cards ran twice, some in no shard.
    const byCount = await run(['--shard', '2/2', '--out', dirOf('count-2')]);
    expect(byCount.code).toBe(0);
    const mixed = await cardcheck(
      ['merge-reports', dirOf('time-1'), dirOf('count-2'), '--reporter', 'json', '--out', dirOf('mixed')],
      { env: NO_SHARD_ENV },
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/specs\/\S+\.md ran in 2 shards: shard 1\/2 \(.*time-1.*\), shard 2\/2/);
    expect(mixed.stderr).toMatch(/selected cards? ran in no shard: specs\//);
  }, 90_000);

  it('says what is wrong with a timings file that is missing or not results', async () => {
    const missing = await run(['--shard', '1/2', '--shard-timings', dirOf('nope.json'), '--out', dirOf('x')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: there is no such file');
    await writeFile(dirOf('other.json'), '{"hello": 1}');
    const other = await run(['--shard', '1/2', '--shard-timings', dirOf('other.json'), '--out', dirOf('x')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('not a cardcheck results.json');
    const alone = await run(['--shard-timings', dirOf('other.json'), '--out', dirOf('x')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('give --shard i/n or --shard auto too');
  });
});
