export type LimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

/** A sliding-window log per key: at most `limit` hits in any `windowMs`, on the injected clock. */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  /** Counts a hit when allowed; when not, says how long until the oldest hit leaves the window. */
  take(key: string, limit: number, now: number): LimitResult {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterMs: Math.max(1, oldest + this.windowMs - now) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  forget(key: string): void {
    this.hits.delete(key);
  }
}
