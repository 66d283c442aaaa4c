/** How transport-level retries of 429/503 and lost connections behave. */
export interface RetryPolicy {
  /** Retries of one request. @default 3 */
  maxRetries: number;
  /** Retries in the whole run, across cards, cleanups aside. @default 100 (a run sets max(100, 2 × its cards)) */
  budget: number;
  /** Retries kept for cleanups only, so a rate-limited run still undoes what it made. @default 50 (a run sets max(50, 3 × its cards)) */
  cleanupBudget: number;
  /** A `Retry-After` (or body hint) longer than this ends the request's retries. @default 60000 */
  retryAfterCapMs: number;
  /** First backoff, doubled per retry. @default 200 */
  baseDelayMs: number;
  /** No wait is longer, whatever the server asks. @default 30000 */
  maxDelayMs: number;
  /** 0..1 → a random share of the delay, so concurrent workers do not retry in step. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  budget: 100,
  cleanupBudget: 50,
  retryAfterCapMs: 60_000,
  baseDelayMs: 200,
  maxDelayMs: 30_000,
  random: Math.random,
};

/** `Retry-After` as seconds or an HTTP date, in ms from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A body hint such as seed 003's `details.retry_after_ms`. */
export function retryHintFromBody(json: unknown): number | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  const details = o.details && typeof o.details === 'object' ? (o.details as Record<string, unknown>) : {};
  const ms = details.retry_after_ms ?? o.retry_after_ms;
  return typeof ms === 'number' && ms >= 0 ? ms : undefined;
}

/** Exponential backoff with jitter (half fixed, half random), capped. */
export function backoffMs(policy: RetryPolicy, retry: number): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(raw / 2 + (raw / 2) * policy.random());
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** A lost connection may have been processed: only idempotent requests (or ones with an Idempotency-Key) are sent again. */
export function safeToResend(method: string, headers: Record<string, string> | undefined): boolean {
  return (
    IDEMPOTENT.has(method.toUpperCase()) ||
    Object.keys(headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key')
  );
}

/** The run-wide budgets for a run of `cards` cards, unless given: they grow with the run. */
export function scaledBudgets(policy: RetryPolicy, cards: number, given: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    ...policy,
    budget: given.budget ?? Math.max(policy.budget, 2 * cards),
    cleanupBudget: given.cleanupBudget ?? Math.max(policy.cleanupBudget, 3 * cards),
  };
}
