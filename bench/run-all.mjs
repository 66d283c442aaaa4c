#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark script in bench/ (each *.mjs beside this
 * one), one after the other, each in its own Node process so that one's heap
 * does not slow the next. Their output is passed through; then one table of
 * every figure (lib/rows.mjs), with the machine it was measured on. The exit
 * code is the first non-zero one (a benchmark that misses a target exits 1).
 * BENCH_ONLY=workload,parse runs only those scripts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));
const only = process.env.BENCH_ONLY?.split(',').map((s) => `${s.trim()}.mjs`);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== self && (!only || only.includes(f)))
  .sort();

const dir = mkdtempSync(path.join(os.tmpdir(), 'cardcheck-bench-rows-'));
const rowsFile = path.join(dir, 'rows.jsonl');
let exitCode = 0;
for (const script of scripts) {
  console.log(`\n── bench/${script}`);
  const result = spawnSync(process.execPath, [path.join(here, script)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_ROWS: rowsFile },
  });
  const code = result.status ?? 1;
  if (code !== 0) {
    console.error(`bench/${script} exited with ${result.signal ?? code}`);
    if (exitCode === 0) exitCode = code;
  }
}

let rows = [];
try {
  rows = readFileSync(rowsFile, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {}
rmSync(dir, { recursive: true, force: true });
const cpus = os.cpus();
console.log(
  `\nAll figures (${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}):\n`,
);
console.log('| bench | figure | cardcheck | raw undici | ratio | target | |');
console.log('|---|---|---:|---:|---:|---|---|');
for (const r of rows) {
  const ratio = r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`;
  const pass = r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL';
  console.log(`| ${r.bench} | ${r.figure} | ${r.value} | ${r.floor ?? ''} | ${ratio} | ${r.target ?? ''} | ${pass} |`);
}
process.exitCode = exitCode;
