#!/usr/bin/env node
/**
 * Issue 14's workload, whole process, against a local server in its own
 * process (lib/app-server.mjs): each card creates an app with a fresh
 * app_code_name, exchanges its client id and secret at the token endpoint,
 * checks status and JSON Schema, and deletes the app (3 requests). cardcheck
 * (`cardcheck run specs --target URL`, the built CLI) against the same loop
 * written by hand with undici 7 and ajv (lib/raw-loop.mjs). Medians of
 * BENCH_REPEAT (3) runs; peak RSS is each process's maxRSS.
 *
 * Environment: BENCH_SIZES=1,1000 (cards per run), BENCH_BIG=10000 (one
 * run each, 0 to skip), BENCH_HUGE=100000 (one cardcheck run for the RSS
 * growth, 0 to skip), BENCH_REPEAT=3. Exits 1 when a target is missed.
 */
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, row } from './lib/rows.mjs';
import { workloadProject } from './lib/workload-project.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const numbers = (text) =>
  text
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
const SIZES = numbers(process.env.BENCH_SIZES ?? '1,1000');
const BIG = Number(process.env.BENCH_BIG ?? 10000);
const HUGE = Number(process.env.BENCH_HUGE ?? 100000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const TOKEN = 'bench-directory-token';

const server = fork(path.join(here, 'lib/app-server.mjs'), { env: { ...process.env, DIRECTORY_TOKEN: TOKEN } });
process.on('exit', () => server.kill());
const port = await new Promise((resolve) => server.once('message', resolve));
const origin = `http://127.0.0.1:${port}`;
const env = { ...process.env, BENCH_ORIGIN: origin, DIRECTORY_TOKEN: TOKEN, NO_COLOR: '1' };

function timed(args, cwd, rssFile) {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...env, CARDCHECK_RSS_OUT: rssFile ?? '' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => {
    out += c;
    if (out.length > 65536) out = out.slice(-32768);
  });
  child.stderr.on('data', (c) => {
    err += c;
    if (err.length > 65536) err = err.slice(-32768);
  });
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code, seconds: (performance.now() - started) / 1000, out, err })),
  );
}

async function runRaw(cards, concurrency) {
  const r = await timed([path.join(here, 'lib/raw-loop.mjs'), origin, String(cards), String(concurrency)], here);
  if (r.code !== 0) throw new Error(`raw loop exited ${r.code}: ${r.err}`);
  const { failures, maxRssKiB } = JSON.parse(r.out.trim().split('\n').pop());
  if (failures) throw new Error(`raw loop: ${failures} failures`);
  return { seconds: r.seconds, rssMiB: maxRssKiB / 1024 };
}

async function runCardcheck(project, concurrency) {
  const rssFile = path.join(project.dir, 'rss');
  const args = [
    path.join(here, 'lib/max-rss.mjs'),
    'run',
    'specs',
    '--target',
    origin,
    '--concurrency',
    String(concurrency),
  ];
  const r = await timed(args, project.dir, rssFile);
  if (r.code !== 0) throw new Error(`cardcheck exited ${r.code}:\n${r.out.slice(-2000)}\n${r.err.slice(-2000)}`);
  return { seconds: r.seconds, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

async function measure(cards, concurrency, repeat) {
  const project = workloadProject(cards);
  try {
    const raw = [];
    const cc = [];
    for (let i = 0; i < repeat; i++) {
      // Alternate, so that drift in the machine's load falls on both.
      raw.push(await runRaw(cards, concurrency));
      cc.push(await runCardcheck(project, concurrency));
    }
    const pick = (runs) => ({
      seconds: median(runs.map((r) => r.seconds)),
      rssMiB: Math.max(...runs.map((r) => r.rssMiB)),
    });
    return { cards, concurrency, raw: pick(raw), cardcheck: pick(cc) };
  } finally {
    project.remove();
  }
}

const rows = [];
for (const cards of SIZES) rows.push(await measure(cards, 1, REPEAT));
const thousand = SIZES.find((n) => n >= 1000) ?? SIZES.at(-1);
rows.push(await measure(thousand, 8, REPEAT));
if (BIG > 0) rows.push(await measure(BIG, 1, 1));

const fmt = (n, d = 2) => n.toFixed(d);
const one = rows.find((r) => r.cards === 1 && r.concurrency === 1);
console.log('workload: create app + token exchange (status, schema) + delete; 3 requests per card; whole process');
console.log(
  '| cards | c | raw wall | cardcheck wall | × raw | ms/request raw | ms/request cardcheck | × raw | raw RSS | cardcheck RSS |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
let failed = false;
const figure = (r) => {
  if (r.pass === false) failed = true;
  row({ bench: 'workload', ...r });
};
for (const r of rows) {
  const ratio = r.cardcheck.seconds / r.raw.seconds;
  let per;
  if (one && r.cards > 1) {
    const requests = 3 * (r.cards - 1);
    const raw = ((r.raw.seconds - one.raw.seconds) * 1000) / requests;
    const ours = ((r.cardcheck.seconds - one.cardcheck.seconds) * 1000) / requests;
    per = { raw, ours, ratio: ours / raw };
  }
  console.log(
    `| ${r.cards} | ${r.concurrency} | ${fmt(r.raw.seconds)} s | ${fmt(r.cardcheck.seconds)} s | ${fmt(ratio)} | ${per ? fmt(per.raw, 3) : ''} | ${per ? fmt(per.ours, 3) : ''} | ${per ? fmt(per.ratio) : ''} | ${fmt(r.raw.rssMiB, 0)} MiB | ${fmt(r.cardcheck.rssMiB, 0)} MiB |`,
  );
  const at = `N=${r.cards}, c=${r.concurrency}`;
  const limit = r.concurrency > 1 ? 1.5 : 1.25;
  const targeted = r.cards >= 1000;
  figure({
    figure: `wall, ${at}`,
    value: `${fmt(r.cardcheck.seconds)} s`,
    floor: `${fmt(r.raw.seconds)} s`,
    ratio,
    ...(targeted ? { target: `≤ ${limit}×`, pass: ratio <= limit } : {}),
  });
  if (per)
    figure({
      figure: `ms per request after start-up, ${at}`,
      value: fmt(per.ours, 3),
      floor: fmt(per.raw, 3),
      ratio: per.ratio,
      ...(targeted && r.concurrency === 1 ? { target: '≤ 1.25×', pass: per.ratio <= 1.25 } : {}),
    });
  figure({
    figure: `peak RSS, ${at}`,
    value: `${fmt(r.cardcheck.rssMiB, 0)} MiB`,
    floor: `${fmt(r.raw.rssMiB, 0)} MiB`,
    ...(r.cards >= 10000 ? { target: '< 200 MiB', pass: r.cardcheck.rssMiB < 200 } : {}),
  });
}

const big = rows.find((r) => r.cards === BIG);
if (HUGE > 0) {
  const project = workloadProject(HUGE);
  let huge;
  try {
    huge = await runCardcheck(project, 8);
  } finally {
    project.remove();
  }
  console.log(`${HUGE} cards, c=8: ${fmt(huge.seconds, 1)} s, peak RSS ${fmt(huge.rssMiB, 0)} MiB`);
  figure({ figure: `peak RSS, N=${HUGE}, c=8`, value: `${fmt(huge.rssMiB, 0)} MiB` });
  if (big) {
    const growth = huge.rssMiB / big.cardcheck.rssMiB;
    figure({
      figure: `RSS growth N=${BIG} → N=${HUGE}`,
      value: `${fmt(growth)}×`,
      target: '≤ 1.5×',
      pass: growth <= 1.5,
    });
  }
}
server.send('count');
const left = await new Promise((resolve) => server.once('message', resolve));
server.kill();
console.log(`apps left on the server: ${left.apps}`);
if (left.apps > 0) failed = true;
if (failed) process.exitCode = 1;
