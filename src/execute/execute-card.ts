import type { Faker } from '@faker-js/faker';
import { BrowserError } from '../core/browser.js';
import type { BrowserFlow, RequestSpec } from '../core/card.js';
import type { JsonValue } from '../core/json.js';
import type { BrowserStep, CardPlan, CreateStep, FixtureStep, LookupStep, RunnablePlan } from '../core/plan.js';
import { SECRET_KEY } from '../core/redact.js';
import type { AttemptResult, CardResult, CheckResult, RequestRecord } from '../core/result.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { joinUrl, TransportError } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { renderJson, renderString, UnresolvedValueError } from '../plan/render.js';
import { readPath } from '../util/json-path.js';
import { checkResponse } from '../verify/check-response.js';
import { compareShapes, recordedKey } from '../verify/drift.js';
import { schemaFromExample } from '../verify/example-schema.js';
import { AuthError } from './auth.js';
import { buildRequest } from './build-request.js';
import { createCardFaker } from './card-seed.js';
import type { LedgerEntry } from './cleanup-ledger.js';
import { CleanupLedger } from './cleanup-ledger.js';
import type { ExecuteContext } from './context.js';
import { TargetError } from './context.js';
import { markCleaned, recordCreated } from './journal-entry.js';
import { newPkce } from './pkce.js';
import type { RetryState, SendOptions } from './send-with-retry.js';
import { sendWithRetry } from './send-with-retry.js';

/** The card cannot be carried out; becomes an `errored` outcome. */
class CardError extends Error {}

const is2xx = (s: number) => s >= 200 && s < 300;

/** What a send's transport retries follow: the run's policy, budget and clock. */
const retryState = (ctx: ExecuteContext): RetryState => ({
  policy: ctx.settings.retryPolicy,
  budget: ctx.state.retryBudget,
  clock: ctx.services.clock,
});

/**
 * Sends a built request and records it in the result: label, status, timing,
 * and the exchange (headers and bodies, redacted before the result leaves).
 */
function createBuiltSender(ctx: ExecuteContext, requests: RequestRecord[]) {
  return async (label: string, req: HttpRequest, retry: SendOptions = {}): Promise<HttpResponse> => {
    rememberSecrets(ctx, req);
    const entry: RequestRecord = { label, method: req.method, path: req.path, durationMs: 0 };
    entry.exchange = {
      url: joinUrl(req.baseUrl, req.path, req.query).toString(),
      requestHeaders: { ...req.headers },
      requestBody: bodyText(req),
    };
    requests.push(entry);
    try {
      const res = await sendWithRetry(ctx.services.http, req, retryState(ctx), {
        ...retry,
        onRetry: () => (entry.retries = (entry.retries ?? 0) + 1),
      });
      ctx.services.redactor.addFromJson(res.json);
      entry.status = res.status;
      entry.durationMs = Math.round(res.durationMs);
      entry.exchange.responseHeaders = res.headers;
      entry.exchange.responseBody = cut(res.text);
      if (is2xx(res.status)) ctx.state.succeeded.add(requestIdentity(req));
      return res;
    } catch (err) {
      if (err instanceof TransportError) entry.error = err.message;
      throw err;
    }
  };
}

/** Renders one of a card's requests, then sends and records it. */
export function createSender(
  ctx: ExecuteContext,
  requests: RequestRecord[],
  defaults: { auth?: string; api?: string },
) {
  const sendBuilt = createBuiltSender(ctx, requests);
  return async (label: string, spec: RequestSpec, scope: RenderScope, retry: SendOptions = {}): Promise<HttpResponse> =>
    sendBuilt(label, await buildRequest(spec, scope, ctx.services, defaults), retry);
}

/** Credentials a request carries are secrets from now on. */
function rememberSecrets(ctx: ExecuteContext, req: HttpRequest): void {
  for (const [k, v] of Object.entries(req.headers ?? {})) {
    if (k === 'authorization' && /^basic /i.test(v)) ctx.services.redactor.addBasic(v);
    if (SECRET_KEY.test(k)) ctx.services.redactor.add(v.replace(/^(Bearer|Basic)\s+/i, ''));
  }
  ctx.services.redactor.addFromJson(req.body);
  ctx.services.redactor.addFromJson(req.form);
}

const MAX_BODY = 64 * 1024;
const cut = (text: string) =>
  text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length - MAX_BODY} more characters)` : text;
function bodyText(req: HttpRequest): string | undefined {
  if (req.form) return new URLSearchParams(req.form).toString();
  return req.body === undefined ? undefined : cut(JSON.stringify(req.body, null, 2));
}

const requestIdentity = (req: HttpRequest) =>
  `${req.method} ${req.baseUrl}${req.path} ${JSON.stringify(req.body ?? req.form ?? null)}`;

/** Runs a ledger entry's cleanup; a 4xx counts as done only when the run already sent that very request successfully. */
export function createCleanupRunner(ctx: ExecuteContext, requests: RequestRecord[]) {
  const sendBuilt = createBuiltSender(ctx, requests);
  return async (entry: LedgerEntry, cleanup: RequestSpec): Promise<string | undefined> => {
    try {
      const req = await buildRequest(cleanup, entry.scope, ctx.services, { auth: entry.auth, api: entry.api });
      const alreadyDone = ctx.state.succeeded.has(requestIdentity(req));
      const res = await sendBuilt('cleanup', req, { resendable: true });
      if (entry.field === 'response') entry.id = req.path;
      // The very same request already succeeded in this run (a delete card): a 4xx now means it is gone.
      return is2xx(res.status) || (alreadyDone && res.status >= 400 && res.status < 500)
        ? undefined
        : `answered ${res.status}`;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
}

function errorText(err: unknown): string {
  if (
    err instanceof CardError ||
    err instanceof TransportError ||
    err instanceof UnresolvedValueError ||
    err instanceof AuthError ||
    err instanceof TargetError ||
    err instanceof BrowserError
  )
    return err.message;
  return `internal error (please report): ${err instanceof Error ? err.message : String(err)}`;
}

interface AttemptOutput {
  attempt: AttemptResult;
  leftBehind: CardResult['leftBehind'];
}

/** One try of a runnable card: fixtures, request, checks, cleanup. */
async function executeAttempt(plan: RunnablePlan, ctx: ExecuteContext): Promise<AttemptOutput> {
  const started = performance.now();
  const result: AttemptResult & { leftBehind: CardResult['leftBehind'] } = {
    outcome: 'passed',
    reason: '',
    durationMs: 0,
    checks: [],
    requests: [],
    leftBehind: [],
  };
  const card = plan.card;
  const template = plan.request;

  const fields = new Map<string, unknown>();
  // The card's faker is made when a placeholder first asks for it: most cards use none, and making one costs more than a request.
  let faker: Faker | undefined;
  let pkce: RenderScope['pkce'];
  const scope: RenderScope = {
    timestamp: ctx.state.nextTimestamp(),
    get faker() {
      return (faker ??= createCardFaker(ctx.settings.seed, plan.id));
    },
    // One proof key per card execution; the verifier proves the code exchange, so it is a secret.
    get pkce() {
      if (!pkce) {
        pkce = newPkce();
        ctx.services.redactor.add(pkce.verifier);
      }
      return pkce;
    },
    fields,
    env: ctx.settings.env,
    cards: ctx.state.outputs,
  };
  const defaults = { auth: plan.auth, api: plan.api };
  const send = createSender(ctx, result.requests, defaults);
  const ledger = new CleanupLedger();
  const entryBase = { file: plan.file, scope, auth: plan.auth, api: plan.api };

  const extract = (step: CreateStep | LookupStep, json: unknown, what: string) => {
    for (const f of step.fields) {
      const value = readPath(json, f.extractFrom);
      if (value === undefined)
        throw new CardError(
          `${f.name}: "${f.extractFrom}" is not in the response of ${what} (${plan.file}:${step.request.line})`,
        );
      if (SECRET_KEY.test(f.name) || SECRET_KEY.test(f.extractFrom)) ctx.services.redactor.add(value);
      fields.set(f.name, value);
    }
  };
  const names = (step: FixtureStep) => step.fields.map((f) => f.name).join(', ');
  const createOnce = async (step: CreateStep, spec: RequestSpec, target: CleanupLedger): Promise<unknown> => {
    const res = await send(`create ${names(step)}`, spec, scope);
    const what = `${spec.method} ${spec.path}`;
    if (!is2xx(res.status))
      throw new CardError(
        `could not create ${names(step)}: ${what} answered ${res.status} (${plan.file}:${spec.line})`,
      );
    const first = step.fields[0];
    const id = first ? readPath(res.json, first.extractFrom) : undefined;
    // The step's own values first, so its cleanup can be rendered for the journal.
    for (const f of step.fields) {
      const v = readPath(res.json, f.extractFrom);
      if (v !== undefined) fields.set(f.name, v);
    }
    // Recorded the moment it exists, before anything else can fail.
    recordCreated(
      target,
      {
        ...entryBase,
        createdBy: what,
        field: first?.name ?? '',
        id: id === undefined ? '(unknown id)' : String(id),
        cleanups: step.cleanups,
        cleanupNote: step.cleanupNote,
        scope,
      },
      ctx.services,
    );
    return res.json;
  };
  /** Do what a person would in the browser; the fields are query parameters of the redirect that ends the flow. */
  const followBrowser = async (step: BrowserStep, flow: BrowserFlow) => {
    if (!ctx.services.browser)
      throw new CardError(
        `${names(step)} comes from a browser flow: run with --browser to drive it (${plan.file}:${flow.line})`,
      );
    const open = renderString(flow.open, scope);
    const redirectUri = renderString(flow.redirectUri, scope);
    const url = /^https?:\/\//i.test(open) ? open : joinUrl(ctx.services.baseUrlFor(plan.api), open).toString();
    const steps = flow.steps.map((s) => ('fill' in s ? { fill: s.fill, with: renderString(s.with, scope) } : s));
    for (const s of steps) if ('fill' in s) ctx.services.redactor.add(s.with);
    const landed = new URL(
      await ctx.services.browser.follow({
        url,
        steps,
        redirectUri,
        timeoutMs: ctx.settings.browserTimeoutMs ?? 30_000,
      }),
    );
    for (const f of step.fields) {
      const value = landed.searchParams.get(f.extractFrom);
      if (value === null) {
        const error = landed.searchParams.get('error');
        throw new CardError(
          `${f.name}: the browser reached ${redirectUri} without a "${f.extractFrom}" parameter${error ? ` (error=${error})` : ''} (${plan.file}:${flow.line})`,
        );
      }
      // A code from a consent is a credential until it is used.
      ctx.services.redactor.add(value);
      fields.set(f.name, value);
    }
  };
  const resolve = async (step: FixtureStep) => {
    if (step.kind === 'browser') return followBrowser(step, step.browser);
    if (step.kind === 'value') {
      for (const f of step.fields) fields.set(f.name, renderJson(step.value, scope));
      return;
    }
    const spec = step.request;
    const what = `${spec.method} ${spec.path}`;
    if (step.kind === 'lookup') {
      const res = await send(`lookup ${names(step)}`, spec, scope);
      if (!is2xx(res.status))
        throw new CardError(
          `could not look up ${names(step)}: ${what} answered ${res.status} (${plan.file}:${spec.line})`,
        );
      return extract(step, res.json, what);
    }
    if (!step.sharedKey) return extract(step, await createOnce(step, spec, ledger), what);
    const lookup = step.lookup;
    const json = await ctx.state.shared.get(step.sharedKey, async () => {
      if (lookup) {
        const found = await send(`lookup ${names(step)}`, lookup, scope);
        if (is2xx(found.status) && step.fields.every((f) => readPath(found.json, f.extractFrom) !== undefined))
          return found.json;
      }
      return createOnce(step, spec, ctx.state.runLedger);
    });
    extract(step, json, what);
  };

  try {
    for (const step of plan.fixtures) await resolve(step);
    const res = await send('request', template, scope, { expected: card.expect?.status });
    if (template.cleanup && is2xx(res.status)) {
      recordCreated(
        ledger,
        {
          ...entryBase,
          createdBy: `${template.method} ${template.path}`,
          field: 'response',
          id: '(see cleanup)',
          cleanups: [template.cleanup],
          scope: { ...scope, response: res.json },
        },
        ctx.services,
      );
    }
    const expect = card.expect && {
      ...card.expect,
      assertions: card.expect.assertions.map((a) => ({ ...a, value: renderJson(a.value, scope) })),
    };
    result.checks = checkResponse(expect, card.examples, res);
    const recorded = ctx.settings.recordedShapes?.get(recordedKey(plan.api ?? '', plan.id, res.status));
    if (recorded && res.json !== undefined)
      result.checks.push(...compareShapes(recorded, schemaFromExample(res.json as JsonValue)));
    ctx.state.captureBodies?.set(plan.file, res.json);
    const failed: CheckResult[] = result.checks.filter((c) => !c.passed && !c.warning);
    if (failed.length > 0) {
      result.outcome = 'failed';
      result.reason = failed.map((c) => c.message).join('; ');
    }
    ctx.state.outputs.set(plan.id, { response: res.json, fields, outcome: result.outcome });
  } catch (err) {
    result.outcome = 'errored';
    result.reason = errorText(err);
    if (err instanceof TransportError && (err.kind === 'refused' || err.kind === 'dns'))
      ctx.state.abort ??= { kind: 'unreachable', message: err.message };
  } finally {
    // A card other cards need keeps its resources until the end of the run.
    if (plan.needed) ledger.moveTo(ctx.state.runLedger);
    else result.leftBehind = await ledger.drain(createCleanupRunner(ctx, result.requests), markCleaned(ctx.services));
  }
  const { leftBehind, ...attempt } = result;
  return { attempt: { ...attempt, durationMs: Math.round(performance.now() - started) }, leftBehind };
}

/** Statuses the card documents: the ones it expects and the ones it has examples for. */
export function documentedStatuses(plan: CardPlan): number[] {
  const c = plan.card;
  return [...new Set([...(c?.expect?.status ?? []), ...(c?.examples.map((e) => e.status) ?? [])])].sort(
    (a, b) => a - b,
  );
}

/** Run a card: skipped and errored plans are reported as such; a failure is retried `ctx.settings.retries` times. */
export async function executeCard(plan: CardPlan, ctx: ExecuteContext): Promise<CardResult> {
  const fm = plan.card?.frontMatter;
  const result: CardResult = {
    file: plan.file,
    line: plan.line,
    id: plan.id,
    endpoint: plan.endpoint,
    title: plan.title,
    domain: fm?.domain ?? '',
    tags: fm?.tags ?? [],
    api: plan.api ?? '',
    outcome: 'passed',
    reason: '',
    durationMs: 0,
    checks: [],
    diagnostics: plan.diagnostics,
    leftBehind: [],
    requests: [],
    attempts: [],
    documentedStatuses: documentedStatuses(plan),
  };
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
    const { attempt, leftBehind } = await executeAttempt(plan, ctx);
    result.attempts.push(attempt);
    result.leftBehind.push(...leftBehind);
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
    result.durationMs = result.attempts.reduce((sum, a) => sum + a.durationMs, 0);
  }
  // Nothing leaves the engine unredacted.
  return ctx.services.redactor.redactDeep(result);
}
