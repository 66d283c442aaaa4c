#!/usr/bin/env node
/**
 * Start-up, whole process: `cardcheck --version` against a bare `node -e 0`
 * (target: within 40 ms), and a one-card run with the embedded sandbox
 * (specs/vcita/create-token-service.md in a copy of this project's config:
 * the sandbox starts, the app is created, the token exchanged, the app
 * deleted; target < 0.5 s). Medians of BENCH_STARTUP_REPEAT (11, 5 for the run).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, row } from './lib/rows.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const REPEAT = Number(process.env.BENCH_STARTUP_REPEAT ?? 11);

function wall(args, cwd = ROOT) {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return ms;
}

// Interleaved, so that the machine's drift falls on both.
const bare = [];
const version = [];
for (let i = 0; i < REPEAT; i++) {
  bare.push(wall(['-e', '0']));
  version.push(wall([CLI, '--version']));
}
const delta = median(version) - median(bare);
console.log(
  `cardcheck --version ${median(version).toFixed(0)} ms, node -e 0 ${median(bare).toFixed(0)} ms: +${delta.toFixed(0)} ms (target ≤ 40 ms): ${delta <= 40 ? 'PASS' : 'FAIL'}`,
);
row({
  bench: 'startup',
  figure: 'cardcheck --version − node -e 0',
  value: `+${delta.toFixed(0)} ms`,
  floor: `${median(bare).toFixed(0)} ms`,
  target: '≤ 40 ms',
  pass: delta <= 40,
});

const dir = mkdtempSync(path.join(tmpdir(), 'cardcheck-bench-startup-'));
let runMs;
try {
  mkdirSync(path.join(dir, 'specs/vcita'), { recursive: true });
  copyFileSync(path.join(ROOT, 'cardcheck.config.yaml'), path.join(dir, 'cardcheck.config.yaml'));
  copyFileSync(path.join(ROOT, 'specs/vcita/create-token-service.md'), path.join(dir, 'specs/vcita/card.md'));
  const args = [CLI, 'run', 'specs/vcita/card.md', '--target', 'sandbox'];
  wall(args, dir);
  const runs = [];
  for (let i = 0; i < Math.max(3, Math.ceil(REPEAT / 2)); i++) runs.push(wall(args, dir));
  runMs = median(runs);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `one-card run with the embedded sandbox: ${runMs.toFixed(0)} ms (target < 500 ms): ${runMs < 500 ? 'PASS' : 'FAIL'}`,
);
row({
  bench: 'startup',
  figure: 'one-card run, embedded sandbox',
  value: `${runMs.toFixed(0)} ms`,
  target: '< 500 ms',
  pass: runMs < 500,
});
process.exitCode = delta <= 40 && runMs < 500 ? 0 : 1;
