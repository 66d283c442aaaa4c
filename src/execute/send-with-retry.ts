import { transportKind } from '../core/errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http/client.js';
import type { HostLimiter } from './host-limiter.js';
import type { RetryPolicy } from './retry-policy.js';
import { backoffMs, parseRetryAfter, retryHintFromBody, safeToResend } from './retry-policy.js';

/** What transport retries use up as the run goes. */
export interface RetryBudget {
  /** Hosts that asked to slow down wait here, whichever card sends to them. */
  limiter: HostLimiter;
  /** Retries left in the run. */
  left: number;
}

/** Time as transport retries see it. */
export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** What a send's retries follow: the run's policy, the run's budget (spent in place), time. */
export interface RetryState {
  policy: RetryPolicy;
  budget: RetryBudget;
  clock: Clock;
}

export interface SendOptions {
  /** Statuses the card expects: a card that expects 429 or 503 gets it, not a retry of it. */
  expected?: readonly number[];
  /** Cleanups may be resent after a lost connection whatever their method. */
  resendable?: boolean;
  /** Called for each retry, for the record. */
  onRetry?: (why: string, delayMs: number) => void;
}

const hostOf = (req: HttpRequest) => new URL(req.baseUrl).host;

/**
 * Transport-level retries, below the card: 429 and 503 (the response proves
 * the request was not processed) for any method, lost connections for
 * requests that are safe to resend (never a timeout: the deadline was spent). Never makes a card flaky.
 */
export async function sendWithRetry(
  http: HttpClient,
  req: HttpRequest,
  state: RetryState,
  opts: SendOptions = {},
): Promise<HttpResponse> {
  const host = hostOf(req);
  const { policy, budget, clock } = state;
  for (let retry = 0; ; retry++) {
    await budget.limiter.wait(host);
    const canRetry = retry < policy.maxRetries && budget.left > 0;
    let res: HttpResponse;
    try {
      res = await http.send(req);
    } catch (err) {
      const kind = transportKind(err);
      // A request that got no answer within its deadline is not sent again: a silent target costs one deadline.
      const lost = kind === 'reset';
      if (!lost || !canRetry || !(opts.resendable || safeToResend(req.method, req.headers))) throw err;
      const message = err instanceof Error ? err.message : String(err);
      const delay = backoffMs(policy, retry);
      budget.left--;
      opts.onRetry?.(message, delay);
      await clock.sleep(delay);
      continue;
    }
    const slowDown = (res.status === 429 || res.status === 503) && !opts.expected?.includes(res.status);
    if (!slowDown || !canRetry) return res;
    const asked = retryHintFromBody(res.json) ?? parseRetryAfter(res.headers['retry-after'], clock.now());
    const delay = Math.min(policy.maxDelayMs, asked ?? backoffMs(policy, retry));
    budget.limiter.pause(host, delay);
    budget.left--;
    opts.onRetry?.(`${res.status}`, delay);
  }
}
