import type { Exchange, Outcome } from './exchange.js';
import { requestField, verdict } from './exchange.js';

const CODES = [
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  // OpenID Connect Core §3.1.2.6, RFC 9101 §6.3, RFC 9126.
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
];

/** The parameters of a redirect back to the client: its query, and its fragment (implicit and `form_post` aside). */
function redirectParams(location: string, base: string): URLSearchParams | undefined {
  try {
    const u = new URL(location, base);
    const params = new URLSearchParams(u.search);
    for (const [k, v] of new URLSearchParams(u.hash.replace(/^#/, ''))) params.append(k, v);
    return params;
  } catch {
    return undefined;
  }
}

/**
 * RFC 6749 §4.1.2 on a redirect that ends an authorization request (it carries `code`, `error` or a token). A login
 * page (200) or a redirect to the server's own pages is the flow going on, and gets no verdict.
 */
export function authorizationOutcomes(ex: Exchange): Outcome[] {
  const res = ex.response;
  const location = res.headers.location;
  if (res.status < 300 || res.status >= 400 || !location) return [];
  const params = redirectParams(location, ex.url);
  if (!params || !(params.has('code') || params.has('error') || params.has('access_token'))) return [];
  const out: Outcome[] = [];
  const state = requestField(ex.request, 'state');
  if (state !== undefined) {
    const back = params.get('state');
    out.push(
      verdict(
        'authorization-state',
        back === state,
        back === null ? 'no state' : back === state ? 'same state' : 'a different state',
      ),
    );
  }
  const error = params.get('error');
  if (error !== null)
    out.push(verdict('authorization-error-code', CODES.includes(error), `error "${error.slice(0, 60)}"`));
  return out;
}
