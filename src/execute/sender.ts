import { createHash } from 'node:crypto';
import type { RequestSpec } from '../core/card.js';
import { CardcheckError, isCardcheckError, transportKind } from '../core/errors.js';
import type { RequestRecord } from '../core/result.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { joinUrl } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { buildRequest } from './build-request.js';
import type { ExecuteContext } from './context.js';
import { assertInsideBase } from './request-safety.js';
import type { RetryState, SendOptions } from './send-with-retry.js';
import { sendWithRetry } from './send-with-retry.js';
import { shownBody } from './shown-body.js';

export const is2xx = (s: number) => s >= 200 && s < 300;

/** Sends a request already built, and records it. */
export type BuiltSender = (label: string, req: HttpRequest, retry?: SendOptions) => Promise<HttpResponse>;

/** Renders one of a card's requests with the scope, then sends and records it. */
export type Sender = (
  label: string,
  spec: RequestSpec,
  scope: RenderScope,
  retry?: SendOptions,
) => Promise<HttpResponse>;

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
export function createBuiltSender(ctx: ExecuteContext, requests: RequestRecord[]): BuiltSender {
  return async (label, req, retry = {}) => {
    assertInsideBase(req);
    rememberSecrets(ctx, req);
    const entry: RequestRecord = { label, method: req.method, path: req.path, durationMs: 0 };
    // --trace off keeps no exchange of any card: none is built.
    const exchange: RequestRecord['exchange'] =
      ctx.settings.trace === 'off'
        ? undefined
        : { url: joinUrl(req.baseUrl, req.path, req.query).toString(), requestHeaders: { ...req.headers } };
    if (exchange) {
      exchange.requestBody = bodyText(req);
      entry.exchange = exchange;
    }
    requests.push(entry);
    const onRetry = () => {
      entry.retries = (entry.retries ?? 0) + 1;
    };
    try {
      const res = await sendWithRetry(ctx.services.http, req, retryState(ctx), { ...retry, onRetry });
      ctx.services.redactor.addFromHeaders(res.headers);
      ctx.services.redactor.addFromBody(res.text, res.json);
      entry.status = res.status;
      entry.durationMs = Math.round(res.durationMs);
      if (exchange) {
        exchange.responseHeaders = res.headers;
        // Whole and as shown (JSON pretty-printed): redacted with the result, then cut (see cutBodies).
        exchange.responseBody = shownBody(res.text);
      }
      if (is2xx(res.status)) ctx.state.succeeded.add(requests, requestIdentity(req), ctx.state.runLedger.size > 0);
      return res;
    } catch (err) {
      if (isCardcheckError(err, 'transport')) entry.error = err.message;
      throw err;
    }
  };
}

/** Renders one of a card's requests, then sends and records it. */
export function createSender(
  ctx: ExecuteContext,
  requests: RequestRecord[],
  defaults: {
    auth?: string;
    api?: string;
    maxBodyBytes?: number;
    /** Told of each request once built, before it is sent. */
    onBuilt?: (label: string, req: HttpRequest) => void;
  },
): Sender {
  const sendBuilt = createBuiltSender(ctx, requests);
  const cap = defaults.maxBodyBytes === undefined ? {} : { maxBodyBytes: defaults.maxBodyBytes };
  return async (label, spec, scope, retry = {}) => {
    const req = { ...(await buildRequest(spec, scope, ctx.services, defaults)), ...cap };
    defaults.onBuilt?.(label, req);
    try {
      return await sendBuilt(label, req, retry);
    } catch (err) {
      throw locatedAnswerError(err, spec);
    }
  };
}

/** A response the server got wrong (an over-cap body, a Location that is no URL) is shown at the request's line. */
function locatedAnswerError(err: unknown, at: { line: number; column: number }): unknown {
  const kind = transportKind(err);
  if ((kind !== 'too-large' && kind !== 'invalid-response') || !isCardcheckError(err) || err.details.at) return err;
  return new CardcheckError('transport', err.message, { ...err.details, at: { line: at.line, column: at.column } });
}

/** Credentials a request carries (headers, Basic, secret-named body, form and query fields) are secrets from now on. */
function rememberSecrets(ctx: ExecuteContext, req: HttpRequest): void {
  const { redactor } = ctx.services;
  redactor.addFromHeaders(req.headers);
  redactor.addFromJson(req.body);
  if (req.form) redactor.addFromForm(req.form);
  redactor.addFromUrl(joinUrl(req.baseUrl, req.path, req.query).toString());
}

function bodyText(req: HttpRequest): string | undefined {
  if (req.form) return new URLSearchParams(req.form).toString();
  return req.body === undefined ? undefined : JSON.stringify(req.body, null, 2);
}

/** What makes two sent requests the same: method, URL and body. */
export const requestIdentity = (req: HttpRequest) =>
  // A digest: the run keeps one for every request that succeeded, and a body may be large.
  createHash('sha1')
    .update(`${req.method} ${req.baseUrl}${req.path} ${JSON.stringify(req.body ?? req.form ?? null)}`)
    .digest('base64');
