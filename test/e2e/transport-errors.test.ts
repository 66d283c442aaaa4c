import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCards } from '../../src/runner/run-cards.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { card, writeCards } from '../support/temp-cards.js';

describe('transport errors become clear per-card errors', () => {
  it('a failed DNS lookup (injected, never real DNS) names the host and ends the run as unreachable', async () => {
    const asked: string[] = [];
    const lookup = ((host: string, _opts: unknown, callback: (err: NodeJS.ErrnoException | null) => void) => {
      asked.push(host);
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host }));
    }) as unknown as LookupFunction;
    const dir = await writeCards({
      'a.md': card({ endpoint: 'GET /x', request: { method: 'GET', path: '/x' } }),
      'b.md': card({ endpoint: 'GET /y', request: { method: 'GET', path: '/y' } }),
    });
    const result = await runCards({ cwd: dir, paths: ['.'], target: 'http://api.staging.invalid/v1', lookup });
    expect(asked[0]).toBe('api.staging.invalid');
    expect(result.cards.map((c) => [c.outcome, c.reason])).toEqual([
      ['errored', 'the host of http://api.staging.invalid could not be found (DNS lookup failed)'],
      ['skipped', 'not run: the target is unreachable'],
    ]);
    expect(result.aborted?.kind).toBe('unreachable');
  });

  it('a reset connection errors a POST (it may have been processed) and is retried for a GET', async () => {
    const sandbox = await startSandbox();
    try {
      const dir = await writeCards({
        'post.md': card({
          endpoint: 'POST /oauth/token',
          request: {
            method: 'POST',
            path: '/oauth/token',
            auth: 'none',
            headers: { 'x-sandbox-fault': 'reset' },
            body: { grant_type: 'client_credentials' },
          },
        }),
        'get.md': card({
          endpoint: 'GET /platform/v1/apps',
          request: { method: 'GET', path: '/platform/v1/apps', auth: 'none', headers: { 'x-sandbox-fault': 'reset' } },
        }),
      });
      const result = await runCards({
        cwd: dir,
        paths: ['.'],
        target: sandbox.apis.youhodler,
        retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 },
      });
      const by = Object.fromEntries(result.cards.map((c) => [c.file, c]));
      expect(by['post.md']?.reason).toMatch(/closed the connection before answering/);
      expect(by['post.md']?.requests[0]?.retries ?? 0).toBe(0);
      expect(by['get.md']?.outcome).toBe('errored');
      expect(by['get.md']?.requests[0]?.retries).toBe(3);
      expect(result.aborted).toBeUndefined();
    } finally {
      await sandbox.close();
    }
  });
});
