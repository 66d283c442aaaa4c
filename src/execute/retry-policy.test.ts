import { describe, expect, it } from 'vitest';
import { HostLimiter } from './host-limiter.js';
import { backoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter, retryHintFromBody, safeToResend } from './retry-policy.js';

describe('retry policy', () => {
  it("reads Retry-After as seconds or an HTTP date, and seed 003's body hint", () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(retryHintFromBody({ code: 'rate_limited', details: { retry_after_ms: 5000 } })).toBe(5000);
  });

  it('backs off exponentially with jitter, capped', () => {
    const fixed = { ...DEFAULT_RETRY_POLICY, random: () => 1 };
    expect([0, 1, 2].map((r) => backoffMs(fixed, r))).toEqual([200, 400, 800]);
    expect(backoffMs({ ...fixed, random: () => 0 }, 1)).toBe(200);
    expect(backoffMs({ ...fixed, maxDelayMs: 500 }, 5)).toBe(500);
  });

  it('resends a lost request only when it is idempotent or carries an Idempotency-Key', () => {
    expect(safeToResend('GET', {})).toBe(true);
    expect(safeToResend('DELETE', {})).toBe(true);
    expect(safeToResend('POST', {})).toBe(false);
    expect(safeToResend('POST', { 'Idempotency-Key': 'k' })).toBe(true);
  });

  it('pauses a host for every caller at once', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new HostLimiter(
      () => now,
      async (ms) => {
        slept.push(ms);
        now += ms;
      },
    );
    limiter.pause('api.example', 300);
    limiter.pause('api.example', 100);
    await limiter.wait('api.example');
    await limiter.wait('other.example');
    expect(slept).toEqual([300]);
  });
});
