import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, scaledBudgets } from '../../src/execute/retry-policy.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { cardcheck } from '../support/cli.js';
import { card, writeCards } from '../support/temp-cards.js';
import { tempDir } from '../support/temp-dir.js';

interface Hostile {
  url: string;
  /** Resources made and not deleted. */
  live: Set<string>;
  seen: string[];
  close(): Promise<void>;
}

/**
 * A loopback API of things: POST /api/things makes one, DELETE removes it,
 * GET reads it. `slowDown` answers a share of requests 429/503 (seeded) with
 * the given Retry-After; `deleteStatus` replaces every DELETE's answer.
 */
async function startHostile(opts: { slowDown: number; retryAfter: string; seed?: number; deleteStatus?: number }) {
  const random = seededRandom(opts.seed ?? 13);
  const live = new Set<string>();
  const seen: string[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      if (random() < opts.slowDown) {
        const status = random() < 0.5 ? 429 : 503;
        return res.writeHead(status, { 'retry-after': opts.retryAfter }).end();
      }
      const json = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const id = req.url?.split('/')[3];
      if (req.method === 'POST') {
        const made = `t${++next}`;
        live.add(made);
        return json(201, { id: made });
      }
      if (req.method === 'DELETE') {
        if (opts.deleteStatus) return json(opts.deleteStatus, { error: 'no' });
        live.delete(id ?? '');
        return res.writeHead(204).end();
      }
      return json(200, { id });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  };
  return { url: `http://127.0.0.1:${port}/api`, live, seen, close } satisfies Hostile;
}

const thingCard = (cleanup = true) =>
  card({
    endpoint: 'GET /things/{id}',
    uid: {
      id: {
        create_fresh: true,
        create_endpoint: 'POST /things',
        create_body: { name: 'x' },
        extract_from: 'id',
        ...(cleanup ? { cleanup_endpoint: 'DELETE /things/{{resolved.id}}' } : { cleanup_note: 'left on purpose' }),
      },
    },
    request: { method: 'GET', path: '/things/{{resolved.id}}' },
    expect: { status: 200 },
  });

let server: Hostile | undefined;
afterEach(() => server?.close());

const run = async (cards: Record<string, string>, args: string[]) => {
  const dir = await writeCards(cards);
  const out = await tempDir('cardcheck-retries-');
  const started = Date.now();
  const res = await cardcheck(['run', '.', '--target', server?.url ?? '', '--out', out, ...args], { cwd: dir });
  const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
    cards: { outcome: string; reason?: string }[];
  };
  return { ...res, results, ms: Date.now() - started, dir, out };
};

describe('retries never starve cleanups', () => {
  it('20% random 429/503 over 60 cards with a card budget of 3: every made thing is deleted', async () => {
    server = await startHostile({ slowDown: 0.2, retryAfter: '0', seed: 7 });
    const cards = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`c${i}.md`, thingCard()]));
    const res = await run(cards, ['--retry-budget', '3', '--concurrency', '4']);
    // Cards' retries ran out, so some cards met a 429/503; the cleanups had their own budget.
    expect(res.results.cards.some((c) => c.outcome !== 'passed')).toBe(true);
    // Cleanups met 429/503 after the cards' budget was gone, and were retried from their own.
    const deletes = server.seen.filter((r) => r.startsWith('DELETE')).length;
    const made = server.seen.length - server.seen.filter((r) => !r.startsWith('POST')).length;
    expect(deletes).toBeGreaterThan(new Set(server.seen.filter((r) => r.startsWith('DELETE'))).size);
    expect(made).toBeGreaterThan(0);
    expect(server.live.size).toBe(0);
    expect(res.stderr).not.toMatch(/left behind/);
    expect(res.code).not.toBe(0);
    expect(res.ms).toBeLessThan(15_000);
  }, 20_000);
});

describe('Retry-After past the cap or the deadline', () => {
  it('Retry-After: 3600 is not waited for: the card errors at once, saying why; one request sent', async () => {
    server = await startHostile({ slowDown: 1, retryAfter: '3600' });
    const res = await run(
      { 'get.md': card({ endpoint: 'GET /things', request: { method: 'GET', path: '/things' } }) },
      [],
    );
    expect(res.results.cards[0]?.outcome).toBe('errored');
    expect(res.results.cards[0]?.reason).toMatch(
      /GET \/things answered (429|503) and asked to wait 3600 s \(Retry-After\), longer than the 60 s cardcheck waits; not retried/,
    );
    expect(res.stdout).toMatch(/asked to wait 3600 s/);
    expect(server.seen).toEqual(['GET /api/things']);
    expect(res.code).toBe(2);
    expect(res.ms).toBeLessThan(5_000);
  }, 15_000);

  it("Retry-After: 30 with --run-timeout 3000 is past the run's deadline: not waited for", async () => {
    server = await startHostile({ slowDown: 1, retryAfter: '30' });
    const res = await run(
      { 'get.md': card({ endpoint: 'GET /things', request: { method: 'GET', path: '/things' } }) },
      ['--run-timeout', '3000'],
    );
    expect(res.results.cards[0]?.reason).toMatch(
      /asked to wait 30 s \(Retry-After\), past the run's deadline \(\d s of --run-timeout left\); not retried/,
    );
    expect(server.seen).toHaveLength(1);
    expect(res.ms).toBeLessThan(5_000);
  }, 15_000);
});

describe('leftovers', () => {
  it('a declared cleanup that fails exits 1 with a closing line; --allow-leftovers exits 0', async () => {
    server = await startHostile({ slowDown: 0, retryAfter: '0', deleteStatus: 500 });
    const cards = { 'a.md': thingCard(), 'b.md': thingCard() };
    const res = await run(cards, []);
    expect(res.results.cards.map((c) => c.outcome)).toEqual(['passed', 'passed']);
    expect(res.stderr).toContain(
      'cardcheck: 2 resources were left behind: a declared cleanup did not succeed; run `cardcheck cleanup` to undo them',
    );
    expect(res.code).toBe(1);
    const allowed = await run(cards, ['--allow-leftovers']);
    expect(allowed.stderr).toContain('(--allow-leftovers: the exit code ignores them)');
    expect(allowed.code).toBe(0);
    // merge-reports of such a run's output (one shard) exits as run does, and takes the same flag.
    const shard = await run(cards, ['--shard', '1/1']);
    expect(shard.code).toBe(1);
    const merged = await tempDir('cardcheck-retries-merged-');
    const merge = await cardcheck(['merge-reports', shard.out, '--out', merged, '--reporter', 'json'], {
      cwd: shard.dir,
    });
    expect(merge.code, merge.stdout + merge.stderr).toBe(1);
    const mergeAllowed = await cardcheck(
      ['merge-reports', shard.out, '--out', merged, '--reporter', 'json', '--allow-leftovers'],
      { cwd: shard.dir },
    );
    expect(mergeAllowed.code, mergeAllowed.stdout + mergeAllowed.stderr).toBe(0);
  }, 20_000);

  it('a resource with no cleanup declared stays a warning: exit 0', async () => {
    server = await startHostile({ slowDown: 0, retryAfter: '0' });
    const res = await run({ 'a.md': thingCard(false) }, []);
    expect(res.stdout + res.stderr).toMatch(/Left behind on the target \(1\):/);
    expect(res.stderr).not.toMatch(/declared cleanup did not succeed/);
    expect(res.code).toBe(0);
  }, 15_000);
});

describe('the run-wide budgets', () => {
  it('grow with the card count unless --retry-budget names one; cleanups always keep their own', () => {
    expect(scaledBudgets(DEFAULT_RETRY_POLICY, 10)).toMatchObject({ budget: 100, cleanupBudget: 50 });
    expect(scaledBudgets(DEFAULT_RETRY_POLICY, 400)).toMatchObject({ budget: 800, cleanupBudget: 1200 });
    expect(scaledBudgets(DEFAULT_RETRY_POLICY, 400, { budget: 3 })).toMatchObject({ budget: 3, cleanupBudget: 1200 });
  });
});
