#!/usr/bin/env node
/**
 * Redaction over a long run: every card adds the secrets it captured (a
 * created client's secret, a token) and then its result is redacted before
 * anyone sees it. 10,000 such cards, each result ~2 KB of JSON holding its
 * secrets. Redacting must cost the same for the last card as for the first
 * (it once rebuilt one regular expression of every secret per card, which made
 * a long run quadratic). Prints the median of 5 repetitions after a warm-up.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { row } from './lib/rows.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.BENCH_DIST ?? path.join(ROOT, 'dist'));
const { Redactor } = await import(path.join(DIST, 'core/redact.js'));

const CARDS = Number(process.env.BENCH_CARDS ?? 10_000);
const TARGET_MS = 500;
const filler = 'lorem ipsum dolor sit amet '.repeat(64);

function run() {
  const r = new Redactor();
  let blanked = 0;
  for (let i = 0; i < CARDS; i++) {
    const secret = `cs_${i.toString(36)}_${((i * 7919) % 100_003).toString(36)}`;
    const token = `eyJ${((i * 104_729) % 1_000_003).toString(36)}.${i}`;
    r.add(secret);
    r.add(token);
    const out = r.redact(
      JSON.stringify({
        card: i,
        data: { client_id: `app-${i}`, client_secret: secret },
        access_token: token,
        note: filler,
      }),
    );
    blanked += out.split('[redacted]').length - 1;
  }
  if (blanked !== 2 * CARDS) throw new Error(`expected ${2 * CARDS} secrets blanked, got ${blanked}`);
}

run();
const times = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  run();
  times.push(performance.now() - start);
}
const ms = [...times].sort((a, b) => a - b)[2];
console.log(
  `redact ${CARDS} card results (2 new secrets each, ~2 KB): ${ms.toFixed(0)} ms (${((ms * 1000) / CARDS).toFixed(0)} µs/card), target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'PASS' : 'FAIL'}`,
);
row({
  bench: 'redact',
  figure: `redact ${CARDS} card results`,
  value: `${ms.toFixed(0)} ms`,
  target: `< ${TARGET_MS} ms`,
  pass: ms < TARGET_MS,
});
process.exitCode = ms < TARGET_MS ? 0 : 1;
