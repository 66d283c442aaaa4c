import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunResult } from '../../src/core/result.js';
import { summarize } from '../../src/core/result.js';
import { runCards } from '../../src/runner/run-cards.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { ROOT } from './cli.js';
import { tempDir } from './temp-dir.js';

export { ROOT };

/** Cards that give every outcome but flaky against the sandbox: passed, skipped, failed (status and schema), errored. */
export const SAMPLE_PATHS = [
  'specs/vcita',
  'fixtures/cards/failing/fails-status.md',
  'fixtures/cards/failing/fails-schema.md',
  'fixtures/seeds/000_e5b2871b98d23f98.txt',
];
export const FLAKY_CARD = 'fixtures/cards/failing/flaky/fails-once.md';

export interface Sample {
  run: RunResult;
  /** Every secret the sandbox handed out during the run: none may appear in any report. */
  secrets: readonly string[];
}

/** A real run of one card against a local server that fails the first request only: a flaky card. */
async function flakyRun(): Promise<RunResult> {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls++;
    res
      .writeHead(calls === 1 ? 500 : 200, { 'content-type': 'application/json' })
      .end(calls === 1 ? '{"error":"first call fails"}' : '{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await runCards({
      trace: 'on',
      cwd: ROOT,
      ledgerDir: await tempDir('cardcheck-ledger-'),
      paths: [FLAKY_CARD],
      target: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      retries: 1,
      seed: 1,
    });
  } finally {
    server.close();
  }
}

let cached: Promise<Sample> | undefined;

/**
 * Two real runs stitched into one result with every outcome: the sandbox
 * cards (through a started sandbox, so its issued secrets are known) and the
 * flaky card against its own server.
 */
export function sampleRun(): Promise<Sample> {
  cached ??= (async () => {
    const sandbox = await startSandbox();
    try {
      const main = await runCards({
        trace: 'on',
        cwd: ROOT,
        ledgerDir: await tempDir('cardcheck-ledger-'),
        paths: SAMPLE_PATHS,
        target: 'local',
        env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin },
        seed: 1,
      });
      const flaky = await flakyRun();
      const cards = [...main.cards, ...flaky.cards];
      const run: RunResult = {
        runId: main.runId,
        target: main.target,
        startedAt: main.startedAt,
        seed: main.seed,
        summary: summarize(cards, main.summary.durationMs + flaky.summary.durationMs),
        cards,
        leftBehind: [...main.leftBehind, ...flaky.leftBehind],
        coverage: [...main.coverage, ...flaky.coverage],
      };
      return { run, secrets: sandbox.issuedSecrets() };
    } finally {
      await sandbox.close();
    }
  })();
  return cached as Promise<Sample>;
}
