import type { CheckResult } from '../core/result.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { joinUrl } from '../http/client.js';
import type { CardStandards } from '../standards/card-standards.js';
import { cardStandards } from '../standards/card-standards.js';
import { deletedRegistrationFollowUp, followUpsFor } from '../standards/follow-ups.js';
import { ruleById } from '../standards/rules.js';
import { checkOf, notRunCheck, standardsChecks } from '../standards/run-standards.js';
import type { Attempt } from './attempt.js';
import { moreFollowUps } from './more-follow-ups.js';
import { createBuiltSender } from './sender.js';

/** The OAuth standards checks of the card's response, when a pack applies to its request (src/standards/). */
export async function standardsOf(attempt: Attempt, res: HttpResponse): Promise<CheckResult[]> {
  const { plan, ctx, sent } = attempt;
  if (!sent) return [];
  const settings = ctx.settings.standards ?? {};
  const s = cardStandards(plan.card.frontMatter, plan.api, sent, settings);
  if (!s.detection) return [];
  const url = joinUrl(sent.baseUrl, sent.path, sent.query).toString();
  const checks = standardsChecks({
    detection: s.detection,
    level: s.level,
    off: s.off,
    request: sent,
    url,
    response: res,
  });
  if (settings.followUps && s.level !== 'off') checks.push(...(await followUpChecks(attempt, sent, res, s)));
  // A finding is about the answer to the card's request: it is placed at the request (a switched-off rule at its key).
  const at = { line: plan.request.line, column: plan.request.column };
  return checks.map((c) => (c.line === undefined ? { ...c, ...at } : c));
}

/** The follow-up requests the answer calls for, each sent and recorded like the card's own, and judged. */
async function followUpChecks(
  attempt: Attempt,
  sent: HttpRequest,
  res: HttpResponse,
  s: CardStandards,
): Promise<CheckResult[]> {
  if (!s.detection) return [];
  const off = new Set(s.off.map((o) => o.rule));
  const send = createBuiltSender(attempt.ctx, attempt.requests);
  const checks: CheckResult[] = [];
  const { plan, ctx } = attempt;
  for (const f of followUpsFor(s.detection.kind, sent, res)) {
    const rule = ruleById(f.rule);
    if (!rule || off.has(f.rule)) continue;
    const label = `follow-up ${f.rule}`;
    // A replayed code may revoke the tokens it issued (RFC 6749 §4.1.2): with cards using this one's answer, it
    // waits until they and the run's cleanups are done.
    if (f.spoilsOthers && plan.needed && ctx.state.postponed) {
      const at = { line: plan.request.line, column: plan.request.column };
      ctx.state.postponed.add(plan.file, f.rule, async (later) => ({
        ...checkOf(rule, f.judge(await later(label, f.vary(sent))), s.level),
        ...at,
      }));
      continue;
    }
    checks.push(checkOf(rule, f.judge(await send(label, f.vary(sent))), s.level));
  }
  checks.push(...(await moreFollowUps(attempt, s.detection.kind, sent, res, send, off, s.level)));
  return checks;
}

/**
 * After the card's cleanup deleted the client its registration made (RFC 7592 §2.3): its configuration endpoint must
 * now answer 401 to the registration access token. Only for a card no other card needs (their cleanups wait).
 */
export async function afterCleanupChecks(attempt: Attempt, res: HttpResponse): Promise<CheckResult[]> {
  const { plan, ctx, sent } = attempt;
  const settings = ctx.settings.standards ?? {};
  if (!sent || !settings.followUps || !plan.request.cleanup) return [];
  const s = cardStandards(plan.card.frontMatter, plan.api, sent, settings);
  if (s.detection?.kind !== 'registration' || s.level === 'off') return [];
  const f = deletedRegistrationFollowUp(sent, res);
  const rule = f && ruleById(f.rule);
  if (!f || !rule || s.off.some((o) => o.rule === f.rule)) return [];
  const at = { line: plan.request.line, column: plan.request.column };
  const label = `follow-up ${f.rule}`;
  // A client other cards use is deleted with the run's last cleanups: its check waits for them.
  if (plan.needed) {
    ctx.state.postponed?.add(plan.file, f.rule, async (later, cleanedUp) =>
      cleanedUp
        ? { ...checkOf(rule, f.judge(await later(label, f.vary(sent))), s.level), ...at }
        : {
            ...notRunCheck(rule, 'the run could not delete the client, so there is no deleted registration to read'),
            ...at,
          },
    );
    return [];
  }
  const send = createBuiltSender(ctx, attempt.requests);
  return [{ ...checkOf(rule, f.judge(await send(label, f.vary(sent))), s.level), ...at }];
}
