import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, recordingSleep } from '../../../test/support/sandbox.js';
import type { Sandbox } from '../server.js';
import { startSandbox } from '../server.js';

const recorder = recordingSleep();
let sandbox: Sandbox;
let admin: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox({ sleep: recorder.sleep });
  admin = { authorization: `Bearer ${sandbox.env.YOUHODLER_ADMIN_TOKEN}` };
});
afterAll(() => sandbox.close());

const createAccount = (fault?: string) =>
  fetch(
    `${sandbox.apis.youhodler}/service-accounts`,
    json({ name: 'f' }, fault ? { ...admin, 'x-sandbox-fault': fault } : admin),
  );

describe('per-request faults (x-sandbox-fault)', () => {
  it('status=503/502/429 answer with the owning API body before any state changes', async () => {
    const before = sandbox.stats();
    const unavailable = await createAccount('status=503');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expect(unavailable.headers.get('x-sandbox-fault-injected')).toBe('status=503');
    expect(await unavailable.json()).toEqual({
      code: 'temporarily_unavailable',
      details: { reason: 'federation_discovery_failed' },
      message: 'Service is temporarily unavailable.',
    });
    const badGateway = await createAccount('status=502');
    expect(await badGateway.json()).toEqual({
      code: 'upstream_error',
      message: 'An upstream service returned an unexpected error.',
    });
    expect(badGateway.headers.get('retry-after')).toBeNull();
    const limited = await createAccount('status=429,retry-after=2500');
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual({
      code: 'rate_limited',
      details: { retry_after_ms: 2500 },
      message: 'Too many requests.',
    });
    const after = sandbox.stats();
    expect(after.created['service-account']).toBe(before.created['service-account']);
    expect(after.faults).toMatchObject({
      'status-503': (before.faults['status-503'] ?? 0) + 1,
      'status-502': (before.faults['status-502'] ?? 0) + 1,
      'status-429': (before.faults['status-429'] ?? 0) + 1,
    });
  });

  it("uses Rocket.Chat's rate-limit body, and a generic body where an API documents none", async () => {
    const rc = await fetch(`${sandbox.apis.rocketchat}/api/v1/oauth-apps.list`, {
      headers: { 'x-sandbox-fault': 'status=429' },
    });
    expect(rc.status).toBe(429);
    expect(await rc.json()).toEqual({
      success: false,
      error:
        'Error, too many requests. Please slow down. You must wait 1 seconds before trying this endpoint again. [error-too-many-requests]',
      errorType: 'error-too-many-requests',
    });
    const vcita = await fetch(`${sandbox.apis.vcita}/platform/v1/apps`, {
      headers: { 'x-sandbox-fault': 'status=503' },
    });
    expect(vcita.status).toBe(503);
    expect(await vcita.json()).toEqual({
      error: 'sandbox fault 503',
      message: 'This response was injected by the cardcheck sandbox before the request was processed.',
    });
  });

  it('reset: the connection is reset and nothing is created', async () => {
    const before = sandbox.stats();
    const outcome = await createAccount('reset').then(
      () => 'answered',
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    expect(outcome).toBe('fetch failed');
    const after = sandbox.stats();
    expect(after.created['service-account']).toBe(before.created['service-account']);
    expect(after.faults.reset).toBe((before.faults.reset ?? 0) + 1);
  });

  it('latency and slow-body wait (through the injected sleep) and still deliver the whole response', async () => {
    recorder.waits.length = 0;
    const slow = await createAccount('latency=200,slow-body=500');
    expect(slow.status).toBe(201);
    const text = await slow.text();
    expect(slow.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toMatchObject({ name: 'f', client_secret: expect.any(String) });
    expect(recorder.waits[0]).toBe(200);
    const bodyWaits = recorder.waits.slice(1);
    expect(bodyWaits.length).toBeGreaterThan(1);
    expect(bodyWaits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(496);
    expect(sandbox.stats().faults).toMatchObject({ latency: expect.any(Number), 'slow-body': expect.any(Number) });
  });

  it('400 with the syntax for an unreadable header; never faults /__sandbox/*', async () => {
    const res = await createAccount('status=nope');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid x-sandbox-fault header',
      syntax: expect.stringContaining('status=<400-599>'),
    });
    const stats = await fetch(`${sandbox.origin}/__sandbox/stats`, { headers: { 'x-sandbox-fault': 'status=503' } });
    expect(stats.status).toBe(200);
  });
});

describe('run-wide faults (startSandbox({ faults }))', () => {
  async function statusesOf(faults: Parameters<typeof startSandbox>[0], n: number): Promise<(number | string)[]> {
    const s = await startSandbox(faults);
    try {
      const out: (number | string)[] = [];
      for (let i = 0; i < n; i++) {
        out.push(
          await fetch(`${s.apis.rocketchat}/api/v1/oauth-apps.list`, {
            headers: { 'x-auth-token': s.env.ROCKETCHAT_AUTH_TOKEN ?? '', 'x-user-id': s.env.ROCKETCHAT_USER_ID ?? '' },
          }).then(
            (r) => r.status,
            () => 'reset',
          ),
        );
      }
      return out;
    } finally {
      await s.close();
    }
  }

  it('the same seed gives the same faults on every run', async () => {
    const faults = { errorRate: 0.3, badGatewayRate: 0.2, resetRate: 0.1, seed: 42 };
    const first = await statusesOf({ faults }, 30);
    expect(await statusesOf({ faults }, 30)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 503, 502, 'reset']));
  });

  it('429 bursts, run-wide latency and slow bodies', async () => {
    expect(await statusesOf({ faults: { rateLimitBurst: { every: 3, length: 1 } } }, 6)).toEqual([
      200, 200, 429, 200, 200, 429,
    ]);
    const rec = recordingSleep();
    await statusesOf({ faults: { latencyMs: 25, slowBodyMs: 40 }, sleep: rec.sleep }, 2);
    expect(rec.waits.filter((w) => w === 25)).toHaveLength(2);
  });

  it('refuses options it cannot honour', async () => {
    await expect(startSandbox({ faults: { errorRate: 2 } })).rejects.toThrow(
      'invalid sandbox fault options: errorRate must be a number from 0 to 1',
    );
  });
});
