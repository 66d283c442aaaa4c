import { schemaKeywordPosition } from '../card/schema-position.js';
import type { Expectation } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { isCardcheckError, transportKind } from '../core/errors.js';
import type { JsonValue } from '../core/json.js';
import type { RunnablePlan } from '../core/plan.js';
import type { AttemptResult, CheckResult, LeftBehind } from '../core/result.js';
import type { HttpResponse } from '../http/client.js';
import { renderJson } from '../plan/render.js';
import { bodyExcerpt, checkResponse } from '../verify/check-response.js';
import { compareShapes, recordedKey } from '../verify/drift.js';
import { schemaFromExample } from '../verify/example-schema.js';
import type { Attempt } from './attempt.js';
import { entryBase, startAttempt } from './attempt.js';
import { trackResponseFlows } from './captured-secrets.js';
import { errorText, runtimeDiagnostic } from './card-error.js';
import { createCleanupRunner } from './cleanup-runner.js';
import type { ExecuteContext } from './context.js';
import { resolveFixture } from './fixtures/resolve-fixture.js';
import { markCleaned, recordCreated, withIntent } from './journal-entry.js';
import { mayBeLeftBehind, showsResource } from './made-resource.js';
import { is2xx } from './sender.js';
import { afterCleanupChecks, standardsOf } from './standards-checks.js';

export interface AttemptOutput {
  attempt: AttemptResult;
  leftBehind: LeftBehind[];
  /** An error located in the card (a UID step that failed), as a diagnostic. */
  diagnostic?: Diagnostic;
  /** The attempt could not reach the target after another card had found it unreachable: not run, not an error. */
  unreachableElsewhere?: boolean;
}

/**
 * Send the Request Template. When it made something, that is recorded at once: with a cleanup, when it succeeded or
 * its response shows a resource whatever the status (a server may create and then answer 500); without one, a
 * response showing a new resource (201, Location) is listed as maybe left behind.
 */
async function sendRequest(attempt: Attempt, maybeLeft: LeftBehind[]): Promise<HttpResponse> {
  const { plan } = attempt;
  const template = plan.request;
  if (!template.cleanup) return sendAndRecord(attempt, maybeLeft);
  // A request with a declared cleanup makes something: its intent goes in the journal before it is sent.
  const intent = { file: plan.file, createdBy: `${template.method} ${template.path}` };
  return withIntent(attempt.ctx.services, intent, (intentKey) => sendAndRecord(attempt, maybeLeft, intentKey));
}

async function sendAndRecord(attempt: Attempt, maybeLeft: LeftBehind[], intentKey?: string): Promise<HttpResponse> {
  const { plan, scope } = attempt;
  const template = plan.request;
  const res = await attempt.send('request', template, scope, { expected: plan.card.expect?.status });
  if (!template.cleanup) {
    const reason = mayBeLeftBehind(template, res);
    const createdBy = `${template.method} ${template.path}`;
    if (reason) maybeLeft.push({ file: plan.file, createdBy, field: 'response', id: '(unknown)', reason });
  } else if (is2xx(res.status) || showsResource(res)) {
    recordCreated(
      attempt.ledger,
      {
        ...entryBase(attempt),
        createdBy: `${template.method} ${template.path}`,
        field: 'response',
        id: '(see cleanup)',
        cleanups: [template.cleanup],
        scope: { ...scope, response: res.json },
        intentKey,
      },
      attempt.ctx.services,
    );
  }
  return res;
}

/** A failed status check shows the start of the body, redacted before it is cut. */
function withBodyExcerpt(checks: CheckResult[], res: HttpResponse, attempt: Attempt): CheckResult[] {
  const [status] = checks;
  if (status?.kind !== 'status' || status.passed) return checks;
  const body = bodyExcerpt(attempt.ctx.services.redactor.redact(res.text));
  return [{ ...status, body }, ...checks.slice(1)];
}

/** A failed keyword of the card's own schema, placed at its line in the card instead of the schema's start. */
function placeSchemaChecks(checks: CheckResult[], attempt: Attempt): CheckResult[] {
  const { plan, ctx } = attempt;
  const schemaAt = plan.card.expect?.schemaAt;
  const text =
    schemaAt && checks.some((c) => !c.passed && c.schemaPath !== undefined)
      ? (plan.text ?? ctx.settings.cardText?.(plan.file))
      : undefined;
  if (!schemaAt || text === undefined) return checks;
  return checks.map((c) => {
    const pos =
      !c.passed && c.schemaPath !== undefined ? schemaKeywordPosition(text, schemaAt, c.schemaPath) : undefined;
    return pos ? { ...c, line: pos.line, column: pos.column } : c;
  });
}

/** The card's expectation with its assertion values rendered in the attempt's scope. */
function renderedExpectation(attempt: Attempt): Expectation | undefined {
  const { expect } = attempt.plan.card;
  return (
    expect && {
      ...expect,
      assertions: expect.assertions.map((a) => ({ ...a, value: renderJson(a.value, attempt.scope) })),
    }
  );
}

/** Drift from the response shape recorded for this card and status (--update-schemas), if one was. */
function driftChecks(attempt: Attempt, res: HttpResponse): CheckResult[] {
  const { plan, ctx } = attempt;
  const recorded = ctx.settings.recordedShapes?.get(recordedKey(plan.api ?? '', plan.id, res.status));
  if (!recorded || res.json === undefined) return [];
  return compareShapes(recorded, schemaFromExample(res.json as JsonValue));
}

/** Undo what the attempt created; a card other cards need keeps its resources until the end of the run. */
async function cleanUp(attempt: Attempt): Promise<LeftBehind[]> {
  const { ctx, ledger } = attempt;
  if (attempt.plan.needed) {
    ledger.moveTo(ctx.state.runLedger);
    return [];
  }
  return ledger.drain(createCleanupRunner(ctx, attempt.requests), markCleaned(ctx.services));
}

/** A try that has checks: failed when one failed that is not a warning, with their messages as the reason. */
function judge(result: AttemptResult): void {
  const failed = result.checks.filter((c) => !c.passed && !c.warning);
  if (failed.length === 0) return;
  result.outcome = 'failed';
  result.reason = failed.map((c) => c.message).join('; ');
}

/** One try of a runnable card: fixtures, request, checks, cleanup. */
export async function executeAttempt(plan: RunnablePlan, ctx: ExecuteContext): Promise<AttemptOutput> {
  const started = performance.now();
  const attempt = startAttempt(plan, ctx);
  const result: AttemptResult = {
    outcome: 'passed',
    reason: '',
    durationMs: 0,
    checks: [],
    requests: attempt.requests,
  };
  let leftBehind: LeftBehind[] = [];
  const maybeLeft: LeftBehind[] = [];
  let unreachableElsewhere = false;
  let diagnostic: Diagnostic | undefined;
  let answered: HttpResponse | undefined;
  try {
    for (const step of plan.fixtures) await resolveFixture(attempt, step);
    const res = await sendRequest(attempt, maybeLeft);
    answered = res;
    trackResponseFlows(attempt, res.json);
    const checks = checkResponse(renderedExpectation(attempt), plan.card.examples, res);
    result.checks = placeSchemaChecks(withBodyExcerpt(checks, res, attempt), attempt);
    result.checks.push(...driftChecks(attempt, res));
    result.checks.push(...(await standardsOf(attempt, res)));
    ctx.state.captureBodies?.set(plan.file, res.json);
    judge(result);
    // Kept for the cards that use this one's values only: a run of many cards does not hold every response.
    if (plan.needed)
      ctx.state.outputs.set(plan.id, { response: res.json, fields: attempt.fields, outcome: result.outcome });
  } catch (err) {
    result.outcome = 'errored';
    result.reason = errorText(err);
    if (isCardcheckError(err) && err.details.browserArtefacts) result.browserArtefacts = err.details.browserArtefacts;
    diagnostic = runtimeDiagnostic(err, plan.file);
    const kind = transportKind(err);
    // The origin cannot be reached (refused, unknown, no connection accepted): the run stops with this one message.
    if (kind === 'refused' || kind === 'dns' || kind === 'connect-timeout') {
      // Cards in flight when another card found the target unreachable say so once, through that card.
      unreachableElsewhere = ctx.state.abort?.kind === 'unreachable';
      ctx.state.abort ??= { kind: 'unreachable', message: result.reason };
    }
  } finally {
    leftBehind = [...(await cleanUp(attempt)), ...maybeLeft];
  }
  // Checks that need the card's resources gone (a deleted registration's token), once its cleanup succeeded.
  if (answered && result.outcome !== 'errored' && leftBehind.length === 0) {
    const after = await afterCleanupChecks(attempt, answered);
    if (after.length) {
      result.checks.push(...after);
      judge(result);
    }
  }
  const durationMs = Math.round(performance.now() - started);
  return { attempt: { ...result, durationMs }, leftBehind, diagnostic, unreachableElsewhere };
}
