import type { RequestSpec } from '../core/card.js';
import type { HttpRequest } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { renderJson, renderPath, renderRecord, renderString } from '../plan/render.js';
import { basicHeader } from './auth.js';
import type { ExecuteServices } from './context.js';
import { assertSafeHeaders, assertSafePath } from './request-safety.js';

/**
 * Render a card's request for sending. Headers, lowest to highest: the auth
 * profile's, the request's `basic`, the request's own `headers`.
 */
export async function buildRequest(
  spec: RequestSpec,
  scope: RenderScope,
  services: Pick<ExecuteServices, 'auth' | 'baseUrlFor'>,
  defaults: { auth?: string; api?: string },
): Promise<HttpRequest> {
  const headers: Record<string, string> = { ...(await services.auth.headersFor(spec.auth ?? defaults.auth, scope)) };
  if (spec.basic)
    headers.authorization = basicHeader(
      renderString(spec.basic.username, scope),
      renderString(spec.basic.password, scope),
    );
  for (const [k, v] of Object.entries(renderRecord(spec.headers, scope))) headers[k.toLowerCase()] = v;
  // Refused before anything is sent: a path that leaves the target, a header that smuggles lines.
  assertSafeHeaders(spec, headers);
  const path = renderPath(spec.path, scope);
  assertSafePath(spec, path);
  return {
    baseUrl: services.baseUrlFor(defaults.api),
    method: spec.method,
    path,
    query: renderRecord(spec.query, scope),
    headers,
    body: spec.body === undefined ? undefined : renderJson(spec.body, scope),
    form: spec.form === undefined ? undefined : renderRecord(spec.form, scope),
    followRedirects: spec.followRedirects,
  };
}
