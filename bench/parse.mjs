#!/usr/bin/env node
/**
 * Parse + lint benchmark: 10,000 generated cards, in process, the way
 * `cardcheck lint` treats them (parseCard → lintCards → planRun with the
 * config's profiles). Run with `npm run bench:parse`, which builds dist/ first.
 * Prints one line: the median of several timed repetitions after a warm-up,
 * and whether it meets the target. BENCH_VERBOSE=1 adds the runs and the time
 * of each stage; BENCH_CARDS=N changes the count; BENCH_DIST=dir times another
 * build (to compare before and after a change).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCards } from './lib/generate-cards.mjs';
import { row } from './lib/rows.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.BENCH_DIST ?? path.join(ROOT, 'dist'));
const { parseCard } = await import(path.join(DIST, 'card/parse-card.js'));
const { lintCards } = await import(path.join(DIST, 'lint/lint-cards.js'));
const { planRun } = await import(path.join(DIST, 'plan/plan-run.js'));
const { parseConfig } = await import(path.join(DIST, 'config/load-config.js'));

const CARDS = Number(process.env.BENCH_CARDS ?? 10_000);
const WARMUP = 2;
const REPETITIONS = 11;
const TARGET_MS = 1000;

/** What `cardcheck lint` does with loaded cards, without the file system. */
function parseAndLint(inputs, profiles, stages) {
  const t0 = performance.now();
  const cards = inputs.map(({ file, bytes }) => ({ file, ...parseCard(bytes, file) }));
  const t1 = performance.now();
  const linted = lintCards(cards);
  const withLint = cards.map((c) => ({ ...c, diagnostics: linted.get(c.file) ?? c.diagnostics }));
  const t2 = performance.now();
  const plan = planRun(withLint, { profiles });
  if (stages) stages.push([t1 - t0, t2 - t1, performance.now() - t2]);
  const byRule = {};
  for (const p of plan.cards) for (const d of p.diagnostics) byRule[d.ruleId] = (byRule[d.ruleId] ?? 0) + 1;
  return { cards: plan.cards.length, byRule };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const inputs = generateCards(ROOT, CARDS);
// The repo's auth profiles, as `cardcheck lint` passes them (cards name them).
const { config } = parseConfig(readFileSync(path.join(ROOT, 'cardcheck.config.yaml'), 'utf8'), 'cardcheck.config.yaml');
const profiles = config.profiles;
const totalBytes = inputs.reduce((n, c) => n + c.bytes.length, 0);
let checked;
for (let i = 0; i < WARMUP; i++) checked = parseAndLint(inputs, profiles);
const times = [];
const stages = [];
for (let i = 0; i < REPETITIONS; i++) {
  const start = process.hrtime.bigint();
  parseAndLint(inputs, profiles, stages);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const ms = median(times);
const perCard = (ms * 1000) / CARDS;
if (process.env.BENCH_VERBOSE) {
  console.error(
    `${(totalBytes / 1e6).toFixed(1)} MB of cards, diagnostics ${JSON.stringify(checked.byRule)}; runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  const stage = (k) => median(stages.map((s) => s[k])).toFixed(0);
  console.error(`median by stage: parse ${stage(0)} ms, lint ${stage(1)} ms, plan ${stage(2)} ms`);
}
console.log(
  `parse+lint ${CARDS} cards: ${ms.toFixed(0)} ms (${perCard.toFixed(0)} µs/card), target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'PASS' : 'FAIL'}`,
);
row({
  bench: 'parse',
  figure: `parse+lint+plan, ${CARDS} cards (median of ${REPETITIONS})`,
  value: `${ms.toFixed(0)} ms`,
  target: `< ${TARGET_MS} ms`,
  pass: ms < TARGET_MS,
});
let failed = ms >= TARGET_MS;

// Growth: `cardcheck lint` of 1k, 10k and 100k generated cards written to disk (BENCH_SCALE), whole process,
// as users run it. From 2,000 cards lint (like run) reads, lints and plans each card on its own and keeps only its
// plan's header (src/runner/load-lean.ts), so a suite's cost grows with its cards, not faster. Each step's ratio ≤ 11.
const SCALE = (process.env.BENCH_SCALE ?? '1000,10000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const CLI = path.join(DIST, 'cli/main.js');
let previous;
for (const n of SCALE) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcheck-bench-lint-'));
  try {
    copyFileSync(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
    for (const { file, bytes } of generateCards(ROOT, n)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), bytes);
    }
    const runs = [];
    for (let i = 0; i < (n >= 100_000 ? 1 : 3); i++) {
      const start = performance.now();
      const res = spawnSync(process.execPath, [CLI, 'lint', 'bench/cards', '--format', 'json'], {
        cwd: dir,
        maxBuffer: 1 << 30,
      });
      if (res.status !== 0 && res.status !== 2) throw new Error(`cardcheck lint exited ${res.status}: ${res.stderr}`);
      runs.push(performance.now() - start);
    }
    const took = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    let growth = '';
    if (previous) {
      const ratio = took / previous.took;
      const pass = ratio <= 11 * (n / previous.n / 10);
      // 10× the cards at most 11× the time: linear, with room for noise.
      failed ||= !pass;
      growth = `, ${ratio.toFixed(1)}× the ${previous.n} cards (target ≤ ${(11 * (n / previous.n / 10)).toFixed(0)}×): ${pass ? 'PASS' : 'FAIL'}`;
      row({
        bench: 'parse',
        figure: `growth of cardcheck lint ${previous.n} → ${n} cards`,
        value: `${ratio.toFixed(1)}×`,
        target: '≤ 11×',
        pass,
      });
    }
    console.log(`cardcheck lint ${n} cards (whole process): ${took.toFixed(0)} ms${growth}`);
    row({ bench: 'parse', figure: `cardcheck lint, ${n} cards, whole process`, value: `${took.toFixed(0)} ms` });
    previous = { n, took };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exitCode = failed ? 1 : 0;
