#!/usr/bin/env node
/**
 * A run against a local server compared with the floor: a raw undici loop
 * making the same requests. 2,000 generated cards (GET /items/<n>, status and
 * schema checked) are run by `runCards` as `cardcheck run` does, loading,
 * linting and planning included, one card at a time; the raw loop sends the
 * same 2,000 GETs one at a time with one undici Agent and parses each body.
 * The server runs in its own process. Prints the median of 5 repetitions of
 * each after a warm-up, and the ratio; the project's target is 1.25×.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { row } from './lib/rows.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..');
const DIST = path.resolve(process.env.BENCH_DIST ?? path.join(ROOT, 'dist'));
const { runCards } = await import(path.join(DIST, 'runner/run-cards.js'));

const CARDS = Number(process.env.BENCH_CARDS ?? 2000);
const REPETITIONS = 5;
const TARGET = 1.25;

const server = fork(path.join(here, 'lib/json-server.mjs'));
process.on('exit', () => server.kill());
const port = await new Promise((resolve) => server.once('message', resolve));
const base = `http://127.0.0.1:${port}`;

const dir = mkdtempSync(path.join(tmpdir(), 'cardcheck-bench-run-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'specs'));
const expected = JSON.stringify({
  status: 200,
  schema: { type: 'object', required: ['data'], properties: { data: { type: 'object', required: ['id', 'name'] } } },
});
for (let i = 0; i < CARDS; i++) {
  const card = [
    '---',
    `endpoint: GET /items/${i}`,
    'status: success',
    '---',
    `# Item ${i}`,
    '',
    '## Request Template',
    '',
    '```json',
    `{ "method": "GET", "path": "/items/${i}" }`,
    '```',
    '',
    '## Expected Response',
    '',
    '```json',
    expected,
    '```',
    '',
  ];
  writeFileSync(path.join(dir, 'specs', `item-${i}.md`), card.join('\n'));
}

async function raw() {
  const agent = new Agent();
  for (let i = 0; i < CARDS; i++) {
    const res = await request(`${base}/items/${i}`, { dispatcher: agent });
    const json = await res.body.json();
    if (res.statusCode !== 200 || !json.data) throw new Error(`raw loop: unexpected response ${res.statusCode}`);
  }
  await agent.close();
}

async function cardcheck() {
  const result = await runCards({
    cwd: dir,
    paths: ['specs'],
    target: base,
    concurrency: 1,
    ledgerDir: false,
    seed: 1,
  });
  if (result.summary.passed !== CARDS) throw new Error(`cardcheck: ${JSON.stringify(result.summary)}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

await raw();
await cardcheck();
const floor = [];
const ours = [];
for (let i = 0; i < REPETITIONS; i++) {
  floor.push(await time(raw));
  ours.push(await time(cardcheck));
}
const ratio = median(ours) / median(floor);
console.log(
  `run ${CARDS} cards: cardcheck ${median(ours).toFixed(0)} ms, raw undici loop ${median(floor).toFixed(0)} ms: ${ratio.toFixed(2)}×, target ≤ ${TARGET}×: ${ratio <= TARGET ? 'PASS' : 'FAIL'}`,
);
row({
  bench: 'run',
  figure: `${CARDS} GET cards in process (runCards)`,
  value: `${median(ours).toFixed(0)} ms`,
  floor: `${median(floor).toFixed(0)} ms`,
  ratio,
  target: `≤ ${TARGET}×`,
  pass: ratio <= TARGET,
});
process.exitCode = ratio <= TARGET ? 0 : 1;
server.kill();
