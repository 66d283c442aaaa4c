import type { RequestShape } from '../core/request.js';
import type { ObservedResponse } from '../core/response.js';
import type { Outcome } from './exchange.js';
import { jsonObject, requestField, requestHeader, typeName, verdict } from './exchange.js';
import { CLIENT_FIELDS } from './follow-ups.js';

const RULE = 'followup-revoked-token-dead';

/** Where the API's metadata is looked for, under its base URL: RFC 8414 §3, then OpenID Connect Discovery. */
export const DISCOVERY_PATHS = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];

/** How a revoked token is proved dead: introspection (`active: false`), or a refresh grant for a refresh token. */
export type DeadTokenProbe = { via: 'introspection' | 'refresh'; path: string } | { notRun: string };

/** An advertised endpoint as a path under the API's base URL; undefined when absent, a reason when elsewhere. */
function endpointPath(
  meta: Record<string, unknown>,
  key: string,
  baseUrl: string,
): string | { outside: string } | undefined {
  const url = meta[key];
  if (typeof url !== 'string') return undefined;
  const base = baseUrl.replace(/\/+$/, '');
  return url.startsWith(`${base}/`) ? url.slice(base.length) : { outside: `${key} is not under the API's base URL` };
}

/**
 * The probe a revocation calls for, from the API's metadata: a refresh grant at the token endpoint when the card
 * revoked a refresh token (`token_type_hint=refresh_token`), else introspection. Only endpoints under the API's base
 * URL are used (the follow-up carries the revocation's client credentials).
 */
export function deadTokenProbe(
  revocation: RequestShape,
  meta: Record<string, unknown>,
  baseUrl: string,
): DeadTokenProbe {
  const refresh = requestField(revocation, 'token_type_hint') === 'refresh_token';
  const key = refresh ? 'token_endpoint' : 'introspection_endpoint';
  const path = endpointPath(meta, key, baseUrl);
  if (path === undefined) return { notRun: `the API's metadata advertises no ${key}` };
  if (typeof path !== 'string') return { notRun: path.outside };
  return { via: refresh ? 'refresh' : 'introspection', path };
}

/** The probe's request: a form with the token and the revocation's own client credentials (header or form fields). */
export function probeRequest<R extends RequestShape>(
  revocation: R,
  probe: { via: string; path: string },
  token: string,
): R {
  const form: Record<string, string> =
    probe.via === 'refresh' ? { grant_type: 'refresh_token', refresh_token: token } : { token };
  for (const f of CLIENT_FIELDS) {
    const v = requestField(revocation, f);
    if (v !== undefined) form[f] = v;
  }
  const authorization = requestHeader(revocation, 'authorization');
  return {
    ...revocation,
    method: 'POST',
    path: probe.path,
    query: {},
    headers: authorization === undefined ? {} : { authorization },
    form,
    body: undefined,
  };
}

/** The probe's answer: introspection says `active: false`; a refresh grant is refused with `invalid_grant`. */
export function judgeDeadToken(via: 'introspection' | 'refresh', res: ObservedResponse): Outcome {
  const body = jsonObject(res);
  if (via === 'refresh') {
    const error = typeof body?.error === 'string' ? ` ${body.error.slice(0, 40)}` : '';
    return verdict(
      RULE,
      res.status === 400 && body?.error === 'invalid_grant',
      `a refresh grant with the revoked token got ${res.status}${error}`,
    );
  }
  const active = body?.active;
  const shown = typeof active === 'boolean' ? `active: ${active}` : `active ${typeName(active)}`;
  return verdict(
    RULE,
    res.status === 200 && active === false,
    `introspecting the revoked token got ${res.status}, ${shown}`,
  );
}
