import type { EndpointKind, StandardsLevel } from '../core/endpoint-kind.js';
import type { CheckResult } from '../core/result.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { isPkceExchange } from '../standards/pkce-follow-ups.js';
import { ruleById } from '../standards/rules.js';
import { checkOf, notRunCheck } from '../standards/run-standards.js';
import type { Attempt } from './attempt.js';
import type { FollowUpVerdict } from './pkce-follow-ups.js';
import { pkceFollowUps } from './pkce-follow-ups.js';
import { revokedTokenFollowUp } from './revoked-token-follow-up.js';
import type { BuiltSender } from './sender.js';
import { is2xx } from './sender.js';

/**
 * Follow-ups that need more than the card's own request sent again: PKCE (a fresh code from the card's UID step)
 * and a revoked token's death (an endpoint found through the API's metadata). Each gives a check, or a note saying
 * why it could not be sent. Rules in `skip` (switched off by the card) send nothing.
 */
export async function moreFollowUps(
  attempt: Attempt,
  kind: EndpointKind,
  sent: HttpRequest,
  res: HttpResponse,
  send: BuiltSender,
  skip: ReadonlySet<string>,
  level: StandardsLevel,
): Promise<CheckResult[]> {
  const verdicts: FollowUpVerdict[] = [];
  if (kind === 'token' && isPkceExchange(sent, res.status))
    verdicts.push(...(await pkceFollowUps(attempt, sent, send, skip)));
  if (kind === 'revocation' && is2xx(res.status) && !skip.has('followup-revoked-token-dead'))
    verdicts.push(await revokedTokenFollowUp(attempt, sent, send));
  const checks: CheckResult[] = [];
  for (const v of verdicts) {
    const rule = ruleById(v.rule);
    if (rule) checks.push('notRun' in v ? notRunCheck(rule, v.notRun) : checkOf(rule, v.outcome, level));
  }
  return checks;
}
