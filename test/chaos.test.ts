import { describe, expect, it } from 'vitest';
import { runCards } from '../src/runner/run-cards.js';
import { startSandbox } from '../src/sandbox/server.js';
import { ROOT } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const FAST_RETRIES = { baseDelayMs: 5, maxDelayMs: 40, maxRetries: 6, budget: 2000 };

describe('chaos: the full suite against a misbehaving sandbox', () => {
  it('never crashes, hangs or leaves anything behind; cards whose retries succeeded keep their clean-run verdict', async () => {
    // Cleanup journals go to a temp folder, not the repository's .cardcheck/ledger.
    const ledgerDir = await tempDir('cardcheck-ledger-');
    const clean = await runCards({ cwd: ROOT, ledgerDir, paths: ['specs'], seed: 5 });
    const cleanVerdict = new Map(clean.cards.map((c) => [c.file, c.outcome]));
    let retried = 0;
    for (const seed of [1, 2, 3]) {
      const sandbox = await startSandbox({
        faults: {
          latencyMs: 2,
          errorRate: 0.1,
          resetRate: 0.02,
          rateLimitBurst: { every: 12, length: 2 },
          retryAfterMs: 20,
          seed,
        },
      });
      try {
        const result = await runCards({
          cwd: ROOT,
          ledgerDir,
          paths: ['specs'],
          seed: 5,
          target: 'local',
          concurrency: 4,
          env: { ...sandbox.env, SANDBOX_ORIGIN: sandbox.origin },
          retryPolicy: FAST_RETRIES,
          trace: 'on',
        });
        for (const c of result.cards) {
          // A lost POST may have been processed, so it is not resent: such a card errors, saying so.
          if (c.outcome === 'errored') expect(c.reason).toMatch(/closed the connection before answering/);
          else expect(`${c.file} ${c.outcome}`).toBe(`${c.file} ${cleanVerdict.get(c.file)}`);
        }
        retried += result.cards.reduce(
          (n, c) => n + c.attempts.flatMap((a) => a.requests).reduce((m, r) => m + (r.retries ?? 0), 0),
          0,
        );
        expect(result.leftBehind).toEqual([]);
        const stats = sandbox.stats();
        for (const kind of Object.keys(stats.live)) expect(`${kind}: ${stats.live[kind]}`).toBe(`${kind}: 0`);
        expect(Object.values(stats.faults ?? {}).reduce((a: number, b) => a + Number(b), 0)).toBeGreaterThan(0);
      } finally {
        await sandbox.close();
      }
    }
    // The faults really happened and were retried through.
    expect(retried).toBeGreaterThan(10);
  });
});
