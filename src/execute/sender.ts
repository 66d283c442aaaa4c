import type { RequestSpec } from '../core/card.js';
import { isCardcheckError } from '../core/errors.js';
import { SECRET_KEY } from '../core/redact.js';
import type { RequestRecord } from '../core/result.js';
import type { HttpRequest, HttpResponse } from '../http/client.js';
import { joinUrl } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { buildRequest } from './build-request.js';
import type { ExecuteContext } from './context.js';
import type { RetryState, SendOptions } from './send-with-retry.js';
import { sendWithRetry } from './send-with-retry.js';

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
    rememberSecrets(ctx, req);
    const entry: RequestRecord = { label, method: req.method, path: req.path, durationMs: 0 };
    entry.exchange = {
      url: joinUrl(req.baseUrl, req.path, req.query).toString(),
      requestHeaders: { ...req.headers },
      requestBody: bodyText(req),
    };
    requests.push(entry);
    const onRetry = () => {
      entry.retries = (entry.retries ?? 0) + 1;
    };
    try {
      const res = await sendWithRetry(ctx.services.http, req, retryState(ctx), { ...retry, onRetry });
      ctx.services.redactor.addFromJson(res.json);
      entry.status = res.status;
      entry.durationMs = Math.round(res.durationMs);
      entry.exchange.responseHeaders = res.headers;
      entry.exchange.responseBody = cut(res.text);
      if (is2xx(res.status)) ctx.state.succeeded.add(requestIdentity(req));
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
  defaults: { auth?: string; api?: string },
): Sender {
  const sendBuilt = createBuiltSender(ctx, requests);
  return async (label, spec, scope, retry = {}) =>
    sendBuilt(label, await buildRequest(spec, scope, ctx.services, defaults), retry);
}

/** Credentials a request carries are secrets from now on. */
function rememberSecrets(ctx: ExecuteContext, req: HttpRequest): void {
  const { redactor } = ctx.services;
  for (const [k, v] of Object.entries(req.headers ?? {})) {
    if (k === 'authorization' && /^basic /i.test(v)) redactor.addBasic(v);
    if (SECRET_KEY.test(k)) redactor.add(v.replace(/^(Bearer|Basic)\s+/i, ''));
  }
  redactor.addFromJson(req.body);
  redactor.addFromJson(req.form);
}

const MAX_BODY = 64 * 1024;
const cut = (text: string) =>
  text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length - MAX_BODY} more characters)` : text;
function bodyText(req: HttpRequest): string | undefined {
  if (req.form) return new URLSearchParams(req.form).toString();
  return req.body === undefined ? undefined : cut(JSON.stringify(req.body, null, 2));
}

/** What makes two sent requests the same: method, URL and body. */
export const requestIdentity = (req: HttpRequest) =>
  `${req.method} ${req.baseUrl}${req.path} ${JSON.stringify(req.body ?? req.form ?? null)}`;
