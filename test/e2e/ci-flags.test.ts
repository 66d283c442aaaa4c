import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCards } from '../../src/runner/run-cards.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/** Cleanup journals go to a temp folder, not the repository's .cardcheck/ledger. */
let ledgerDir: string;
beforeAll(async () => {
  ledgerDir = await tempDir('cardcheck-ledger-');
});

const verdicts = (cards: { file: string; outcome: string }[]) => cards.map((c) => `${c.outcome} ${c.file}`);

describe('selection, concurrency and sharding', () => {
  it('gives the same verdicts, in the same order, at concurrency 1 and 8', async () => {
    const one = await runCards({ cwd: ROOT, ledgerDir, paths: ['specs'], seed: 3, concurrency: 1 });
    const eight = await runCards({ cwd: ROOT, ledgerDir, paths: ['specs'], seed: 3, concurrency: 8 });
    expect(verdicts(eight.cards)).toEqual(verdicts(one.cards));
    expect(eight.leftBehind).toEqual([]);
  });

  it('splits the suite into shards whose verdict counts add up to the whole run', async () => {
    const whole = await runCards({ cwd: ROOT, ledgerDir, paths: ['specs'], seed: 3 });
    const shards = [];
    for (let i = 1; i <= 3; i++)
      shards.push(
        await runCards({ cwd: ROOT, ledgerDir, paths: ['specs'], seed: 3, select: { shard: { index: i, total: 3 } } }),
      );
    const files = shards.flatMap((s) => s.cards.map((c) => c.file)).sort();
    expect(files).toEqual(whole.cards.map((c) => c.file).sort());
    for (const key of ['passed', 'failed', 'skipped', 'errored'] as const) {
      expect(shards.reduce((n, s) => n + s.summary[key], 0)).toBe(whole.summary[key]);
    }
    // Each shard records the whole selection, so merge-reports can check every card ran once.
    const selected = whole.cards.map((c) => c.file).sort();
    expect(shards.map((s) => s.shard)).toEqual(
      [1, 2, 3].map((index) => ({ index, total: 3, balance: 'count', selected })),
    );
  });

  it('filters by tag, domain and grep from the command line', async () => {
    const out = await tempDir('cardcheck-sel-');
    const res = await cardcheck(['run', 'specs', '--tag', 'rocketchat', '--grep', 'without', '--out', out]);
    expect(res.code).toBe(0);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as { cards: { file: string }[] };
    // --grep matches titles too: "Create OAuth App without `name`", "… without logging in", …
    expect(results.cards.map((c) => c.file)).toEqual([
      'specs/rocketchat/create-oauth-app-missing-active.md',
      'specs/rocketchat/create-oauth-app-missing-name.md',
      'specs/rocketchat/create-oauth-app-missing-redirect-uri.md',
      'specs/rocketchat/create-oauth-app-not-logged-in.md',
      'specs/rocketchat/create-oauth-app-without-permission.md',
    ]);
    const domain = await cardcheck(['run', 'specs', '--domain', 'service-accounts', '--out', out]);
    expect(domain.stdout).toContain('2 cards: 2 passed');
    const none = await cardcheck(['run', 'specs', '--grep', 'no-card-matches-this', '--out', out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no card in specs matches --grep no-card-matches-this');
  });

  it('--only-failed re-runs what failed last time; --bail stops after the first failure', async () => {
    const out = await tempDir('cardcheck-only-');
    const first = await cardcheck(['run', 'specs/vcita', 'fixtures/cards/failing/fails-status.md', '--out', out]);
    expect(first.code).toBe(1);
    const again = await cardcheck([
      'run',
      'specs/vcita',
      'fixtures/cards/failing/fails-status.md',
      '--only-failed',
      '--out',
      out,
    ]);
    expect(again.stdout).toContain('1 card: 0 passed, 1 failed');
    // Cards run in file order: copy the failing card so it sorts first.
    const dir = await tempDir('cardcheck-bail-');
    await writeFile(
      path.join(dir, '0-fails.md'),
      await readFile(path.join(ROOT, 'fixtures/cards/failing/fails-status.md')),
    );
    const bail = await cardcheck(['run', path.join(dir, '0-fails.md'), 'specs/vcita', '--bail', '--out', out]);
    expect(bail.code).toBe(1);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      cards: { outcome: string; reason: string }[];
      aborted?: { kind: string };
    };
    expect(results.aborted?.kind).toBe('bail');
    expect(
      results.cards.filter(
        (c) => c.outcome === 'skipped' && c.reason.startsWith('not run: --bail stopped the run after 1 failure'),
      ).length,
    ).toBeGreaterThan(5);
  });

  it('exits 3 with one clear message when the target is unreachable', async () => {
    const out = await tempDir('cardcheck-down-');
    const res = await cardcheck(['run', 'specs/vcita', '--target', 'http://127.0.0.1:9/vcita', '--out', out], {
      env: { DIRECTORY_TOKEN: 'x-token-123' },
    });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain(
      'cardcheck: the run stopped early: http://127.0.0.1:9 refused the connection (is the target running?)',
    );
    expect(res.stdout.match(/refused the connection/g)?.length).toBe(1);
    expect(res.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it('reports a card that passes on a retry as flaky, keeping every attempt', async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls++;
      res.writeHead(calls === 1 ? 500 : 200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const dir = await tempDir('cardcheck-flaky-');
      await writeFile(
        path.join(dir, 'flaky.md'),
        [
          '---',
          'endpoint: GET /x',
          '---',
          '# Flaky',
          '## Request Template',
          '```json',
          '{ "method": "GET", "path": "/x" }',
          '```',
        ].join('\n'),
      );
      const result = await runCards({ cwd: dir, paths: ['.'], target: url, retries: 2 });
      expect(result.cards[0]?.outcome).toBe('flaky');
      expect(result.cards[0]?.attempts.map((a) => a.outcome)).toEqual(['failed', 'passed']);
      expect(result.cards[0]?.reason).toBe('passed on attempt 2 after: expected status 2xx, got 500');
      expect(result.summary).toMatchObject({ passed: 0, flaky: 1 });
      calls = 0;
      const strict = await cardcheck(
        ['run', 'flaky.md', '--target', url, '--retries', '1', '--fail-on-flaky', '--out', dir],
        { cwd: dir },
      );
      expect(strict.code).toBe(1);
      calls = 0;
      const lenient = await cardcheck(['run', 'flaky.md', '--target', url, '--retries', '1', '--out', dir], {
        cwd: dir,
      });
      expect(lenient.code).toBe(0);
    } finally {
      server.close();
    }
  });
});
