import type { RequestRecord } from '../core/result.js';

/**
 * The requests of a run that succeeded, by identity (requestIdentity), kept only while a cleanup they could have
 * done is pending: a cleanup answering 4xx counts as done when the very same request already succeeded (a delete
 * card deleted what a cleanup deletes again). A card's own cleanups look at what its attempt sent; the run's
 * cleanups (shared fixtures, needed cards) at what was sent while one of them was pending. A run of 100,000 cards
 * kept three identities per card before.
 */
export class SucceededRequests {
  /** Per attempt, by the attempt's request list: let go with the attempt. */
  private readonly byAttempt = new WeakMap<RequestRecord[], Set<string>>();
  /** Sent while a run-wide cleanup was pending. */
  private readonly whileRunPending = new Set<string>();

  /** `identity` succeeded in the attempt recording into `requests`; `runPending`: a run-wide cleanup is pending. */
  add(requests: RequestRecord[], identity: string, runPending: boolean): void {
    const mine = this.byAttempt.get(requests) ?? new Set<string>();
    this.byAttempt.set(requests, mine.add(identity));
    if (runPending) this.whileRunPending.add(identity);
  }

  /** Whether a cleanup sent into `requests` was already sent, successfully, where it could have done it. */
  has(requests: RequestRecord[], identity: string): boolean {
    return this.whileRunPending.has(identity) || this.byAttempt.get(requests)?.has(identity) === true;
  }
}
