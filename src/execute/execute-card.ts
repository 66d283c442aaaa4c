import type { CardPlan, NotRunPlan, PlanFacts, RunnablePlan } from '../core/plan.js';
import type { CardResult, TraceMode } from '../core/result.js';
import { detached, materialize } from '../plan/lean-plan.js';
import { factsOf } from '../plan/plan-facts.js';
import type { ExecuteContext } from './context.js';
import { executeAttempt } from './execute-attempt.js';
import { cutBodies } from './shown-body.js';

/** What every card's result says before it runs. */
function resultHeader(plan: RunnablePlan | NotRunPlan, facts: PlanFacts): CardResult {
  return {
    file: plan.file,
    line: plan.line,
    id: plan.id,
    endpoint: plan.endpoint,
    title: plan.title,
    domain: facts.domain,
    tags: [...facts.tags],
    api: plan.api ?? '',
    outcome: 'passed',
    reason: '',
    durationMs: 0,
    checks: [],
    diagnostics: plan.diagnostics,
    leftBehind: [],
    requests: [],
    attempts: [],
    documentedStatuses: [...facts.documentedStatuses],
  };
}

/**
 * Run a card: skipped and errored plans are reported as such; a failure is retried `ctx.settings.retries` times. A
 * lean plan's card is read again first (src/plan/lean-plan.ts) and let go when the card is done.
 */
export async function executeCard(given: CardPlan, ctx: ExecuteContext): Promise<CardResult> {
  const plan = given.lean ? await materialize(given) : given;
  const result = resultHeader(plan, factsOf(given));
  if (plan.action === 'skip') return { ...result, outcome: 'skipped', reason: plan.reason };
  if (plan.action === 'error')
    return ctx.services.redactor.redactDeep({ ...result, outcome: 'errored', reason: plan.reason });
  if (ctx.state.abort)
    return {
      ...result,
      outcome: 'skipped',
      reason:
        ctx.state.abort.kind === 'unreachable'
          ? 'not run: the target is unreachable'
          : `not run: ${ctx.state.abort.message}`,
    };
  for (let i = 0; i <= ctx.settings.retries; i++) {
    const { attempt, leftBehind, diagnostic, unreachableElsewhere } = await executeAttempt(plan, ctx);
    result.leftBehind.push(...leftBehind);
    // In flight when another card found the target unreachable: that card says so, once; this one did not run.
    if (unreachableElsewhere)
      return ctx.services.redactor.redactDeep({
        ...result,
        outcome: 'skipped',
        reason: 'not run: the target is unreachable',
      });
    result.attempts.push(attempt);
    // A run-time error located in the card is shown as lint shows its errors: at its line.
    if (diagnostic) result.diagnostics = [...plan.diagnostics, diagnostic];
    if (attempt.outcome !== 'failed' || ctx.state.abort) break;
  }
  const last = result.attempts[result.attempts.length - 1];
  if (last) {
    result.outcome = last.outcome === 'passed' && result.attempts.length > 1 ? 'flaky' : last.outcome;
    result.reason =
      result.outcome === 'flaky'
        ? `passed on attempt ${result.attempts.length} after: ${result.attempts[0]?.reason ?? ''}`
        : last.reason;
    result.checks = last.checks;
    result.requests = last.requests;
    if (last.browserArtefacts) result.browserArtefacts = last.browserArtefacts;
    const status = last.requests.find((r) => r.label === 'request')?.status;
    if (status !== undefined) result.status = status;
    result.durationMs = result.attempts.reduce((sum, a) => sum + a.durationMs, 0);
  }
  // Before redaction: what is not kept is neither copied nor scanned for secrets.
  applyTrace(result, ctx.settings.trace ?? 'retain-on-failure');
  // Nothing leaves the engine unredacted; bodies are cut after redaction, so no part of a cut secret is left.
  const shown = cutBodies(ctx.services.redactor.redactDeep(result));
  // A lean card's result must not keep the card's text alive through a string sliced from it.
  return given.lean ? detached(shown) : shown;
}

/** Does `--trace` keep the exchanges of a card with this outcome? */
export function keepsRequests(trace: TraceMode, outcome: CardResult['outcome']): boolean {
  if (trace === 'on') return true;
  if (trace === 'off') return false;
  return outcome === 'failed' || outcome === 'errored' || outcome === 'flaky';
}

/** Drop the exchanges `--trace` does not keep (verdict, checks and attempts stay), marking the card when it had some. */
function applyTrace(result: CardResult, trace: TraceMode): void {
  if (keepsRequests(trace, result.outcome)) return;
  if (result.requests.length === 0 && result.attempts.every((a) => a.requests.length === 0)) return;
  result.requests = [];
  result.attempts = result.attempts.map((a) => ({ ...a, requests: [] }));
  result.requestsKept = false;
}
