#!/usr/bin/env node
/**
 * Peak memory of a run against hostile servers (loopback): an endless chunked
 * body, a 200 MB body, a drip of one byte per 200 ms, a server that never
 * answers stopped by --run-timeout. Each case is one `cardcheck run` in its own
 * process; its peak RSS (maxRSS) and wall time are printed. The body cap keeps
 * memory flat: the endless and 200 MB bodies cost about the cap, not the body.
 * Informational: the tests in test/hostile/ assert outcomes, not these figures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMisbehavingServer } from './lib/misbehaving-server.mjs';
import { row } from './lib/rows.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const WRAPPER = path.join(here, 'lib/max-rss.mjs');

const card = (p) =>
  [
    '---',
    `endpoint: GET ${p}`,
    '---',
    '# hostile',
    '## Request Template',
    '```json',
    JSON.stringify({ method: 'GET', path: p }),
    '```',
    '## Expected Response',
    '```json',
    '{ "status": 200 }',
    '```',
  ].join('\n');

const CASES = [
  { name: 'endless chunked body, default cap (8 MiB)', path: '/endless', flags: [] },
  {
    name: 'endless chunked body, --max-body-bytes 64 MiB',
    path: '/endless',
    flags: ['--max-body-bytes', String(64 * 1024 * 1024)],
  },
  { name: '200 MB body, default cap (8 MiB)', path: '/big', flags: [] },
  { name: 'drip 1 byte / 200 ms, --timeout 2000', path: '/drip', flags: ['--timeout', '2000'] },
  { name: 'never answers, --run-timeout 1500', path: '/silent', flags: ['--run-timeout', '1500'] },
];

function runCase(origin, c) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcheck-bench-hostile-'));
  writeFileSync(path.join(dir, 'card.md'), card(c.path));
  const rssFile = path.join(dir, 'rss');
  const started = performance.now();
  const args = [WRAPPER, 'run', '.', '--target', origin, '--out', dir, '--reporter', 'json', ...c.flags];
  const child = spawn(process.execPath, args, {
    cwd: dir,
    env: { ...process.env, CARDCHECK_RSS_OUT: rssFile, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const rssKiB = Number(readFileSync(rssFile, 'utf8'));
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, ms, rssMiB: rssKiB / 1024 });
    });
  });
}

const server = await startMisbehavingServer();
console.log('hostile targets: peak RSS of one run (the cap bounds memory, the deadlines bound time)');
try {
  for (const c of CASES) {
    const r = await runCase(server.origin, c);
    console.log(
      `  ${c.name.padEnd(48)} peak RSS ${r.rssMiB.toFixed(0).padStart(4)} MiB  ${(r.ms / 1000).toFixed(1).padStart(5)} s  exit ${r.code}`,
    );
    row({
      bench: 'hostile',
      figure: `peak RSS, ${c.name}`,
      value: `${r.rssMiB.toFixed(0)} MiB (${(r.ms / 1000).toFixed(1)} s, exit ${r.code})`,
    });
  }
} finally {
  await server.close();
}
