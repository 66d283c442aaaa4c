/** Run-wide fault injection. Every random choice comes from a PRNG seeded with `seed`. */
export interface FaultOptions {
  /** Delay added before every request is processed, in ms. @default 0 */
  latencyMs?: number;
  /** Share of requests answered 503 before they are processed (0..1). @default 0 */
  errorRate?: number;
  /** Share of requests answered 502 before they are processed (0..1). @default 0 */
  badGatewayRate?: number;
  /** Share of connections reset (TCP RST) before the request is processed (0..1). @default 0 */
  resetRate?: number;
  /**
   * 429 bursts: of every `every` requests, the last `length` are answered 429.
   * @example { every: 10, length: 3 } // requests 8, 9, 10, 18, 19, 20, … get 429
   */
  rateLimitBurst?: { every: number; length: number };
  /** Spread every response body over this many ms. @default 0 */
  slowBodyMs?: number;
  /** PRNG seed: the same seed and the same request order give the same faults. @default 1 */
  seed?: number;
  /** Retry-After sent with injected 429 and 503, in ms. @default 1000 */
  retryAfterMs?: number;
}

const isRate = (v: number | undefined) => v === undefined || (Number.isFinite(v) && v >= 0 && v <= 1);
const isMs = (v: number | undefined) => v === undefined || (Number.isInteger(v) && v >= 0);

/** Problems with the options, worded for a person; empty when they are usable. */
export function checkFaultOptions(o: FaultOptions): string[] {
  const problems: string[] = [];
  for (const key of ['errorRate', 'badGatewayRate', 'resetRate'] as const) {
    if (!isRate(o[key])) problems.push(`${key} must be a number from 0 to 1`);
  }
  if ((o.errorRate ?? 0) + (o.badGatewayRate ?? 0) + (o.resetRate ?? 0) > 1)
    problems.push('errorRate + badGatewayRate + resetRate must not exceed 1');
  for (const key of ['latencyMs', 'slowBodyMs', 'retryAfterMs'] as const) {
    if (!isMs(o[key])) problems.push(`${key} must be a whole number of milliseconds`);
  }
  if (o.seed !== undefined && !Number.isInteger(o.seed)) problems.push('seed must be an integer');
  const burst = o.rateLimitBurst;
  if (
    burst &&
    !(Number.isInteger(burst.every) && Number.isInteger(burst.length) && burst.length > 0 && burst.every > burst.length)
  ) {
    problems.push('rateLimitBurst needs whole numbers with every > length > 0');
  }
  return problems;
}
