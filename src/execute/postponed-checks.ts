import type { CardResult, CheckResult, RequestRecord } from '../core/result.js';
import type { ExecuteContext } from './context.js';
import { createBuiltSender } from './sender.js';
import { cutBodies } from './shown-body.js';

/** A follow-up that must wait for the end of the run: it sends its requests (recorded in `requests`) and judges. */
export type PostponedCheck = (
  send: ReturnType<typeof createBuiltSender>,
  /** The run's cleanups of the card's resources succeeded: nothing of it is left behind. */
  cleanedUp: boolean,
) => Promise<CheckResult>;

/**
 * Follow-up checks that would spoil what other cards use, run once every card has ended and the run's last cleanups
 * are done (a replayed authorization code may revoke the tokens it issued, RFC 6749 §4.1.2; a needed registration is
 * deleted only at the end). The card's result waits with them: it is reported, verdict included, once they ran.
 */
export class PostponedChecks {
  /** By card file; a retried card's last try replaces the checks of the earlier one. */
  private readonly byFile = new Map<string, Map<string, PostponedCheck>>();

  add(file: string, rule: string, check: PostponedCheck): void {
    const checks = this.byFile.get(file) ?? new Map<string, PostponedCheck>();
    checks.set(rule, check);
    this.byFile.set(file, checks);
  }

  has(file: string): boolean {
    return this.byFile.has(file);
  }

  /** Run the card's postponed checks and add them (and their requests, redacted) to its result, judged again. */
  async settle(result: CardResult, ctx: ExecuteContext, cleanedUp: boolean): Promise<CardResult> {
    const checks = this.byFile.get(result.file);
    this.byFile.delete(result.file);
    // An interrupted run sends nothing more; a card that did not pass has its verdict already.
    if (!checks || ctx.state.abort || (result.outcome !== 'passed' && result.outcome !== 'flaky')) return result;
    const requests: RequestRecord[] = [];
    const send = createBuiltSender(ctx, requests);
    const found: CheckResult[] = [];
    for (const check of checks.values()) found.push(await check(send, cleanedUp));
    const shown = cutBodies(ctx.services.redactor.redactDeep({ ...result, checks: found, requests, attempts: [] }));
    const failed = shown.checks.filter((c) => !c.passed && !c.warning);
    // Exchanges --trace dropped from a passing card stay dropped unless the card now fails.
    const keep = result.requestsKept !== false || failed.length > 0;
    return {
      ...result,
      checks: [...result.checks, ...shown.checks],
      requests: keep ? [...result.requests, ...shown.requests] : result.requests,
      ...(failed.length
        ? {
            outcome: 'failed' as const,
            reason: [result.outcome === 'flaky' ? '' : result.reason, ...failed.map((c) => c.message)]
              .filter(Boolean)
              .join('; '),
          }
        : {}),
    };
  }
}
