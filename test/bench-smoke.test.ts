import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

/**
 * A small smoke of `npm run bench` (every benchmark, with few cards) so the benchmarks cannot rot unnoticed: each
 * runs to its end, and the one table at the end has every figure the performance issue asks for. No figure is
 * asserted: speed and memory are the bench's to judge, on a quiet machine.
 */
const SMALL = {
  BENCH_CARDS: '40',
  BENCH_SCALE: '20,200',
  BENCH_SIZES: '1,20',
  BENCH_BIG: '30',
  BENCH_HUGE: '60',
  BENCH_REPEAT: '1',
  BENCH_STARTUP_REPEAT: '1',
  // The workload's larger runs and lint's 200 cards go the way a large suite does (src/runner/load-lean.ts).
  CARDCHECK_LEAN_FROM: '50',
  NO_COLOR: '1',
};

describe('npm run bench, smoke', () => {
  it('runs every benchmark and prints one table with every figure', () => {
    const res = spawnSync(process.execPath, [path.join(ROOT, 'bench/run-all.mjs')], {
      env: { ...process.env, ...SMALL },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(res.stderr).not.toMatch(/Error|at .*\.m?js:\d+/);
    // A missed target exits 1; anything else is a broken benchmark.
    expect([0, 1]).toContain(res.status);
    const table = res.stdout.slice(res.stdout.indexOf('All figures ('));
    expect(table).toMatch(/^All figures \(\d+ × .+, \d+ GiB, Node v\d+/);
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| bench'));
    const figures = rows.map((l) => l.split(' | ').slice(0, 2).join(' | ').slice(2));
    for (const expected of [
      'workload | wall, N=1, c=1',
      'workload | wall, N=20, c=1',
      'workload | wall, N=20, c=8',
      'workload | ms per request after start-up, N=20, c=1',
      'workload | wall, N=30, c=1',
      'workload | peak RSS, N=30, c=1',
      'workload | peak RSS, N=60, c=8',
      'workload | RSS growth N=30 → N=60',
      'parse | parse+lint+plan, 40 cards (median of 11)',
      'parse | growth of cardcheck lint 20 → 200 cards',
      'startup | cardcheck --version − node -e 0',
      'startup | one-card run, embedded sandbox',
      'hostile | peak RSS, endless chunked body, default cap (8 MiB)',
      'hostile | peak RSS, 200 MB body, default cap (8 MiB)',
      'hostile | peak RSS, drip 1 byte / 200 ms, --timeout 2000',
      'redact | redact 40 card results',
      'run | 40 GET cards in process (runCards)',
    ])
      expect(figures).toContain(expected);
    // Each figure with a raw-undici floor shows both sides and their ratio.
    const wall = rows.find((l) => l.startsWith('| workload | wall, N=20, c=1 |')) ?? '';
    expect(wall).toMatch(/\| [\d.]+ s \| [\d.]+ s \| [\d.]+× \|/);
    // The workload's server kept no app: every card's cleanup ran.
    expect(res.stdout).toMatch(/^apps left on the server: 0$/m);
  }, 180_000);
});
