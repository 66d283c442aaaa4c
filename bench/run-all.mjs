#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark script in bench/ (each *.mjs beside this
 * one), one after the other, each in its own Node process so that one's heap
 * does not slow the next. Their output is passed through; the exit code is
 * the first non-zero one (a benchmark that misses its target exits 1).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const self = path.basename(fileURLToPath(import.meta.url));
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== self)
  .sort();

let exitCode = 0;
for (const script of scripts) {
  const result = spawnSync(process.execPath, [path.join(here, script)], { stdio: 'inherit' });
  const code = result.status ?? 1;
  if (code !== 0) {
    console.error(`bench/${script} exited with ${result.signal ?? code}`);
    if (exitCode === 0) exitCode = code;
  }
}
process.exitCode = exitCode;
