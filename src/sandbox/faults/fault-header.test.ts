import { describe, expect, it } from 'vitest';
import { parseFaultHeader } from './fault-header.js';
import { checkFaultOptions } from './fault-options.js';
import { FaultPlanner } from './fault-planner.js';

describe('x-sandbox-fault header', () => {
  it('reads each form, alone and comma-separated', () => {
    expect(parseFaultHeader('status=503')).toEqual({ faults: { status: 503 } });
    expect(parseFaultHeader('reset')).toEqual({ faults: { reset: true } });
    expect(parseFaultHeader(' latency=200 , slow-body=500 ')).toEqual({ faults: { latencyMs: 200, slowBodyMs: 500 } });
    expect(parseFaultHeader('status=429,retry-after=2500')).toEqual({ faults: { status: 429, retryAfterMs: 2500 } });
  });

  it('says what is wrong with a header it cannot read', () => {
    for (const bad of ['status=200', 'status=abc', 'latency', 'reset=1', 'explode', 'toString=1', 'reset,status=503']) {
      expect(parseFaultHeader(bad)).toEqual({ error: expect.any(String) });
    }
    expect(parseFaultHeader('explode')).toEqual({
      error:
        'cannot read "explode" in x-sandbox-fault; use status=<400-599> | reset | latency=<ms> | slow-body=<ms> | retry-after=<ms>, comma-separated',
    });
  });
});

describe('run-wide fault planning', () => {
  const statuses = (planner: FaultPlanner, n: number) =>
    Array.from({ length: n }, () => planner.next(undefined)).map((f) => (f.reset ? 'reset' : (f.status ?? 200)));

  it('is reproducible for a seed and differs across seeds', () => {
    const options = { errorRate: 0.2, badGatewayRate: 0.2, resetRate: 0.1 };
    const a = statuses(new FaultPlanner({ ...options, seed: 7 }), 200);
    expect(statuses(new FaultPlanner({ ...options, seed: 7 }), 200)).toEqual(a);
    expect(statuses(new FaultPlanner({ ...options, seed: 8 }), 200)).not.toEqual(a);
    const share = (s: unknown) => a.filter((x) => x === s).length / a.length;
    expect(share(503)).toBeGreaterThan(0.1);
    expect(share(502)).toBeGreaterThan(0.1);
    expect(share('reset')).toBeGreaterThan(0.02);
  });

  it('bursts 429 on the last `length` of every `every` requests', () => {
    expect(statuses(new FaultPlanner({ rateLimitBurst: { every: 4, length: 2 } }), 8)).toEqual([
      200, 200, 429, 429, 200, 200, 429, 429,
    ]);
  });

  it('a request naming its own faults gets exactly those, and does not shift the others', () => {
    const plain = new FaultPlanner({ errorRate: 0.5, seed: 3 });
    const mixed = new FaultPlanner({ errorRate: 0.5, seed: 3 });
    const expected = statuses(plain, 6);
    const got = [
      mixed.next(undefined),
      mixed.next({ latencyMs: 5 }),
      ...Array.from({ length: 4 }, () => mixed.next(undefined)),
    ];
    expect(got[1]).toEqual({ latencyMs: 5 });
    expect([got[0], ...got.slice(2)].map((f) => f?.status ?? 200)).toEqual([expected[0], ...expected.slice(2)]);
  });

  it('rejects options it cannot honour', () => {
    expect(
      checkFaultOptions({ errorRate: 1.5, latencyMs: -1, rateLimitBurst: { every: 2, length: 2 }, seed: 0.5 }),
    ).toEqual([
      'errorRate must be a number from 0 to 1',
      'errorRate + badGatewayRate + resetRate must not exceed 1',
      'latencyMs must be a whole number of milliseconds',
      'seed must be an integer',
      'rateLimitBurst needs whole numbers with every > length > 0',
    ]);
    expect(checkFaultOptions({ errorRate: 0.1, rateLimitBurst: { every: 10, length: 3 } })).toEqual([]);
  });
});
