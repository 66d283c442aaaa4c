import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

/**
 * A small smoke of `npm run bench` (BENCH_CARDS small) so the benchmarks cannot rot unnoticed: each runs to its end and
 * prints its figure line. No figure is asserted: speed and memory are the bench's to judge, on a quiet machine.
 */
const run = (script: string) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bench', script)], {
    env: { ...process.env, BENCH_CARDS: '40', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('npm run bench, smoke', () => {
  it.each([
    ['parse.mjs', /^parse\+lint 40 cards: \d+ ms .* target < \d+ ms: (PASS|FAIL)$/m],
    ['redact.mjs', /^redact 40 card results .*: \d+ ms .* target < \d+ ms: (PASS|FAIL)$/m],
    ['run.mjs', /^run 40 cards: cardcheck \d+ ms, raw undici loop \d+ ms: [\d.]+×, target ≤ 1\.25×: (PASS|FAIL)$/m],
  ])(
    '%s runs to its figure line',
    (script, line) => {
      const res = run(script);
      expect(res.stderr).not.toMatch(/Error|at .*\.m?js:\d+/);
      expect(res.stdout).toMatch(line);
      // A missed target exits 1; anything else is a broken benchmark.
      expect([0, 1]).toContain(res.status);
    },
    70_000,
  );
});
