import type { StepRequest } from '../core/card.js';
import type { CardPlan, FixtureStep } from '../core/plan.js';
import type { CardResult, CheckResult } from '../core/result.js';
import { TransportError } from '../http/client.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { renderJson, renderPath, renderString, UnresolvedValueError } from '../plan/render.js';
import type { RenderScope } from '../plan/render.js';
import { readPath } from '../util/json-path.js';
import { checkResponse } from '../verify/check-response.js';
import { CleanupLedger } from './cleanup-ledger.js';
import type { ExecuteContext } from './context.js';

/** The card cannot be carried out; becomes an `errored` outcome. */
class CardError extends Error {}

const is2xx = (s: number) => s >= 200 && s < 300;

function renderStep(step: StepRequest, scope: RenderScope): HttpRequest {
  return {
    method: step.endpoint.method,
    path: renderPath(step.endpoint.path, scope),
    body: step.body === undefined ? undefined : renderJson(step.body, scope),
  };
}

export async function executeCard(plan: CardPlan, ctx: ExecuteContext): Promise<CardResult> {
  const started = performance.now();
  const result: CardResult = {
    file: plan.file, line: plan.line, endpoint: plan.endpoint, title: plan.title,
    outcome: 'passed', reason: '', durationMs: 0, checks: [], diagnostics: plan.diagnostics, leftBehind: [], requests: [],
  };
  const finish = (): CardResult => ({ ...result, durationMs: Math.round(performance.now() - started) });
  const card = plan.card;
  const template = card?.request;
  if (plan.action === 'skip') return { ...finish(), outcome: 'skipped', reason: plan.reason };
  if (plan.action === 'error' || !card || !template) return { ...finish(), outcome: 'errored', reason: plan.reason || 'the card has no request' };
  const scope: RenderScope = { timestamp: ctx.nextTimestamp(), fields: new Map(), env: ctx.env };
  const fields = scope.fields as Map<string, unknown>;
  const ledger = new CleanupLedger(plan.file);

  /** `METHOD path` of every request that succeeded, to recognise a cleanup the card already did. */
  const done = new Set<string>();
  const send = async (label: string, req: HttpRequest): Promise<HttpResponse> => {
    const entry: CardResult['requests'][number] = { label, method: req.method, path: req.path, durationMs: 0 };
    result.requests.push(entry);
    try {
      const res = await ctx.http.send(req);
      entry.status = res.status;
      entry.durationMs = Math.round(res.durationMs);
      if (is2xx(res.status)) done.add(`${req.method} ${req.path}`);
      return res;
    } catch (err) {
      if (err instanceof TransportError) entry.error = err.message;
      throw err;
    }
  };

  const runFixture = async (step: FixtureStep) => {
    const names = step.fields.map((f) => f.name).join(', ');
    const req = renderStep(step.request, scope);
    const res = await send(`${step.kind} ${names}`, req);
    const what = `${req.method} ${step.request.endpoint.path}`;
    if (!is2xx(res.status)) {
      throw new CardError(`could not ${step.kind} ${names}: ${what} answered ${res.status} (${plan.file}:${step.request.line})`);
    }
    const values = step.fields.map((f) => ({ ...f, value: readPath(res.json, f.extractFrom) }));
    if (step.kind === 'create') {
      const first = values[0];
      ledger.add({ createdBy: what, field: first?.name ?? '', id: first?.value === undefined ? '(unknown id)' : String(first.value), cleanups: step.cleanups, cleanupNote: step.cleanupNote });
    }
    for (const v of values) {
      if (v.value === undefined) throw new CardError(`${v.name}: "${v.extractFrom}" is not in the response of ${what} (${plan.file}:${step.request.line})`);
      fields.set(v.name, v.value);
    }
  };

  try {
    for (const step of plan.fixtures) await runFixture(step);
    const req: HttpRequest = {
      method: template.method,
      path: renderPath(template.path, scope),
      query: Object.fromEntries(Object.entries(template.query).map(([k, v]) => [k, renderString(v, scope)])),
      headers: Object.fromEntries(Object.entries(template.headers).map(([k, v]) => [k, renderString(v, scope)])),
      body: template.body === undefined ? undefined : renderJson(template.body, scope),
    };
    const res = await send('request', req);
    if (template.cleanup && is2xx(res.status)) {
      ledger.add({ createdBy: `${template.method} ${template.path}`, field: 'response', id: '(see cleanup)', cleanups: [template.cleanup], response: res.json });
    }
    result.checks = checkResponse(card.expect, res);
    const failed: CheckResult[] = result.checks.filter((c) => !c.passed);
    if (failed.length > 0) {
      result.outcome = 'failed';
      result.reason = failed.map((c) => c.message).join('; ');
    }
  } catch (err) {
    result.outcome = 'errored';
    if (err instanceof CardError || err instanceof TransportError || err instanceof UnresolvedValueError) result.reason = err.message;
    else result.reason = `internal error (please report): ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    result.leftBehind = await ledger.drain(async (entry, cleanup) => {
      try {
        const req = renderStep(cleanup, { ...scope, response: entry.response });
        if (entry.field === 'response') entry.id = req.path;
        const alreadyDone = done.has(`${req.method} ${req.path}`);
        const res = await send('cleanup', req);
        // 404/410 counts as cleaned only when this card already sent the same request successfully
        // (a DELETE card); otherwise a wrong cleanup path would hide a leftover.
        return is2xx(res.status) || (alreadyDone && (res.status === 404 || res.status === 410)) ? undefined : `answered ${res.status}`;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    });
  }
  return finish();
}
