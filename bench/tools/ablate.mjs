#!/usr/bin/env node
/**
 * Where a workload card's time goes: the same 1,000 cards as bench/workload.mjs, run in this process (warm, medians
 * of 3) with parts of cardcheck taken away, and as a dry run. Not part of `npm run bench` (it changes cardcheck's
 * behaviour to measure it, and has no target): `npm run -s build && node bench/tools/ablate.mjs [N]`.
 *
 *   default                  as `cardcheck run` does it, without reporters
 *   no journal               without the cleanup journal (ledgerDir: false)
 *   … no exchanges           and --trace off
 *   … no redaction           and the redactor doing nothing (never do this outside a measurement)
 *   dry run                  read, lint, plan and render each card; nothing sent
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workloadProject } from '../lib/workload-project.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const { runCards } = await import(path.join(dist, 'runner/run-cards.js'));
const { Redactor } = await import(path.join(dist, 'core/redact.js'));

const N = Number(process.argv[2] ?? 1000);
const TOKEN = 'bench-directory-token';
const server = fork(path.join(here, '../lib/app-server.mjs'), { env: { ...process.env, DIRECTORY_TOKEN: TOKEN } });
const port = await new Promise((resolve) => server.once('message', resolve));
const env = { ...process.env, BENCH_ORIGIN: `http://127.0.0.1:${port}`, DIRECTORY_TOKEN: TOKEN };
const project = workloadProject(N);

function silenceRedactor() {
  const P = Redactor.prototype;
  for (const m of ['add', 'addBasic', 'addFromJson', 'addFromForm', 'addFromUrl', 'addFromHeaders', 'addFromBody'])
    P[m] = () => {};
  P.redact = (text) => text;
  P.redactDeep = (value) => value;
}

const variants = [
  ['default', {}],
  ['no journal', { ledgerDir: false }],
  ['… no exchanges', { ledgerDir: false, trace: 'off' }],
  ['… no redaction', { ledgerDir: false, trace: 'off' }, silenceRedactor],
  ['dry run', { ledgerDir: false, dryRun: true }],
];

try {
  const base = { cwd: project.dir, paths: ['specs'], target: 'bench', env, streamCards: true, onEvent: () => {} };
  await runCards({ ...base, ledgerDir: false }); // warm-up: modules, JIT
  for (const [name, options, before] of variants) {
    before?.();
    const times = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const result = await runCards({ ...base, ...options });
      times.push(performance.now() - started);
      if (!options.dryRun && result.summary.passed !== N) throw new Error(`${name}: not every card passed`);
    }
    const median = times.sort((a, b) => a - b)[1];
    console.log(`${name.padEnd(16)} ${(median / N).toFixed(3)} ms per card (${Math.round(median)} ms for ${N})`);
  }
} finally {
  project.remove();
  server.kill();
}
