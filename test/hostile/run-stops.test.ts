import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MisbehavingServer } from '../support/misbehaving-server.js';
import { startFullBacklogHost, startMisbehavingServer } from '../support/misbehaving-server.js';
import { card } from '../support/temp-cards.js';
import { expectNoCrash, getCard, runAgainst } from './support.js';

let server: MisbehavingServer;
beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(async () => {
  await server?.close();
});

describe('a run ends in bounded time whatever the target does', () => {
  it('--run-timeout stops a request in flight to a server that never answers, cleans up, and exits 3', async () => {
    const silent = card({
      endpoint: 'GET /silent',
      uid: {
        id: { create_endpoint: 'POST /things', extract_from: 'id', cleanup_endpoint: 'DELETE /things/{{resolved.id}}' },
      },
      request: { method: 'GET', path: '/silent', query: { id: '{{resolved.id}}' } },
      expect: { status: 200 },
    });
    const res = await runAgainst(server.origin, { 'a-silent.md': silent, 'b-next.md': getCard('/things') }, [
      '--timeout',
      '60000',
      '--run-timeout',
      '1500',
    ]);
    expectNoCrash(res);
    expect(res.code).toBe(3);
    expect(res.ms).toBeLessThan(10_000);
    expect(res.stderr).toContain('the run stopped early: the run took longer than 1500 ms (--run-timeout)');
    expect(res.cards.map((c) => [c.outcome, c.reason])).toEqual([
      [
        'errored',
        expect.stringMatching(
          /^the request to http:\/\/127\.0\.0\.1:\d+ was stopped: the run took longer than 1500 ms \(--run-timeout\)$/,
        ),
      ],
      ['skipped', 'not run: the run took longer than 1500 ms (--run-timeout)'],
    ]);
    // What the card made was cleaned up after the stop.
    expect(server.seen).toEqual(expect.arrayContaining(['POST /things', 'GET /silent', 'DELETE /things/t1']));
  }, 15_000);

  it('a host that never accepts a connection (loopback, full backlog) stops the run once with exit 3', async () => {
    const host = await startFullBacklogHost();
    try {
      const res = await runAgainst(
        host.origin,
        { 'a.md': getCard('/a'), 'b.md': getCard('/b'), 'c.md': getCard('/c') },
        ['--timeout', '1500'],
      );
      expectNoCrash(res);
      expect(res.code).toBe(3);
      const message = `${host.origin} did not accept a connection in time`;
      expect(res.cards.map((c) => [c.outcome, c.reason.slice(0, message.length)])).toEqual([
        ['errored', message],
        ['skipped', 'not run: the target is unreachable'],
        ['skipped', 'not run: the target is unreachable'],
      ]);
      // One message, not one per card; and no retry: one connect deadline.
      expect((res.stdout + res.stderr).split(message).length - 1).toBeLessThanOrEqual(2);
      expect(res.ms).toBeLessThan(10_000);
    } finally {
      await host.close();
    }
  }, 15_000);

  it('with cards in flight at once (--concurrency 3), still one card says it and the others were not run', async () => {
    const host = await startFullBacklogHost();
    try {
      const res = await runAgainst(
        host.origin,
        { 'a.md': getCard('/a'), 'b.md': getCard('/b'), 'c.md': getCard('/c') },
        ['--timeout', '1500', '--concurrency', '3'],
      );
      expectNoCrash(res);
      expect(res.code).toBe(3);
      const message = `${host.origin} did not accept a connection in time`;
      const outcomes = res.cards.map((c) => [c.outcome, c.reason.slice(0, message.length)]).sort();
      expect(outcomes).toEqual([
        ['errored', message],
        ['skipped', 'not run: the target is unreachable'],
        ['skipped', 'not run: the target is unreachable'],
      ]);
    } finally {
      await host.close();
    }
  }, 15_000);
});
