import { CardcheckError, transportKind } from '../core/errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../http/client.js';
import type { HostLimiter } from './host-limiter.js';
import type { RetryPolicy } from './retry-policy.js';
import { backoffMs, parseRetryAfter, retryHintFromBody, safeToResend } from './retry-policy.js';

/** What transport retries use up as the run goes. */
export interface RetryBudget {
  /** Hosts that asked to slow down wait here, whichever card sends to them. */
  limiter: HostLimiter;
  /** Retries left in the run for cards' requests. */
  left: number;
  /** Retries left for cleanups only: cards' retries never spend them. */
  cleanupLeft: number;
  /** When the run's --run-timeout passes (ms since the epoch): no wait may reach past it. */
  deadlineAt?: number;
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
  /** A cleanup: its retries come from the budget kept for cleanups. */
  cleanup?: boolean;
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
  const pool = opts.cleanup ? 'cleanupLeft' : 'left';
  for (let retry = 0; ; retry++) {
    await budget.limiter.wait(host);
    const canRetry = retry < policy.maxRetries && budget[pool] > 0;
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
      budget[pool]--;
      opts.onRetry?.(message, delay);
      await clock.sleep(delay);
      continue;
    }
    const slowDown = (res.status === 429 || res.status === 503) && !opts.expected?.includes(res.status);
    if (!slowDown || !canRetry) return res;
    const asked = retryHintFromBody(res.json) ?? parseRetryAfter(res.headers['retry-after'], clock.now());
    if (asked !== undefined) refuseLongWait(req, res, asked, state);
    const delay = Math.min(policy.maxDelayMs, asked ?? backoffMs(policy, retry));
    budget.limiter.pause(host, delay);
    budget[pool]--;
    opts.onRetry?.(`${res.status}`, delay);
  }
}

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

/** A wait the server asks for that is past the cap or the run's deadline ends the retries: the request errors, saying so. */
function refuseLongWait(req: HttpRequest, res: HttpResponse, askedMs: number, state: RetryState): void {
  const { policy, budget, clock } = state;
  const asked = `${req.method} ${req.path} answered ${res.status} and asked to wait ${seconds(askedMs)} (Retry-After)`;
  if (askedMs > policy.retryAfterCapMs)
    throw new CardcheckError(
      'retry-refused',
      `${asked}, longer than the ${seconds(policy.retryAfterCapMs)} cardcheck waits; not retried`,
    );
  const left = budget.deadlineAt === undefined ? undefined : budget.deadlineAt - clock.now();
  if (left !== undefined && askedMs > left)
    throw new CardcheckError(
      'retry-refused',
      `${asked}, past the run's deadline (${seconds(Math.max(0, left))} of --run-timeout left); not retried`,
    );
}
