import type { EndpointKind } from '../core/endpoint-kind.js';
import type { Exchange, Outcome } from './exchange.js';
import { fail, isJsonType, jsonObject, pass, requestHeader, shownType, verdict } from './exchange.js';

/** Token endpoint codes (RFC 6749 §5.2) and those later RFCs registered for it. */
const TOKEN_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  // RFC 8628 §3.5 (device grant), RFC 8693 §2.2.2, RFC 8707 §2, RFC 9449 §5-§8.
  'authorization_pending',
  'slow_down',
  'access_denied',
  'expired_token',
  'invalid_target',
  'invalid_dpop_proof',
  'use_dpop_nonce',
];

/** The codes each endpoint may answer in `error`. */
const CODES: Record<string, readonly string[]> = {
  token: TOKEN_CODES,
  // RFC 7009 §2.2.1: the token endpoint's codes plus unsupported_token_type.
  revocation: [...TOKEN_CODES, 'unsupported_token_type'],
  // RFC 7662 §2.3: errors as the token endpoint's (and RFC 6750's for a bearer-authenticated caller).
  introspection: [...TOKEN_CODES, 'invalid_token', 'insufficient_scope'],
  // RFC 7591 §3.2.2, and RFC 7592 §2 (invalid_token for a bad registration access token, RFC 6750).
  registration: [
    'invalid_redirect_uri',
    'invalid_client_metadata',
    'invalid_software_statement',
    'unapproved_software_statement',
    'invalid_request',
    'invalid_token',
    'insufficient_scope',
  ],
};

/** %x20-21 / %x23-5B / %x5D-7E: printable ASCII without `"` and `\`. */
const TEXT_CHARS = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** %x21 / %x23-5B / %x5D-7E: the same without the space. */
const URI_CHARS = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** The first character outside the allowed set, as a code point (the text itself may be long). */
function badChar(text: string, allowed: RegExp): string {
  for (const ch of text)
    if (!allowed.test(ch)) return `U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
  return 'none';
}

/** The statuses an error with this code may have at this endpoint. */
function allowedStatuses(kind: EndpointKind, code: string | undefined, basicAuth: boolean): number[] {
  if (kind === 'registration') return code === 'invalid_token' ? [401] : code === 'insufficient_scope' ? [403] : [400];
  if (code === 'invalid_client') return basicAuth ? [401] : [400, 401];
  if (kind === 'introspection') return [400, 401];
  return [400];
}

/**
 * RFC 6749 §5.2 on a 4xx answer of an OAuth endpoint. A 5xx, a 429 or a 503 is no OAuth error response and gets
 * no verdict (RFC 7009 §2.2.1 allows 503); a 401 of introspection or registration with no JSON body is the
 * caller's authentication failing, answered as RFC 6750 says, and is not checked here either.
 */
export function errorOutcomes(kind: EndpointKind, ex: Exchange): Outcome[] {
  const res = ex.response;
  if (res.status < 400 || res.status >= 500 || res.status === 429) return [];
  const body = jsonObject(res);
  if ((kind === 'introspection' || kind === 'registration') && res.status === 401 && !body?.error) return [];
  const out: Outcome[] = [];
  const code = typeof body?.error === 'string' ? body.error : undefined;
  const codes = CODES[kind] ?? TOKEN_CODES;
  out.push(verdict('error-json', isJsonType(res.contentType), shownType(res.contentType)));
  out.push(
    code !== undefined && codes.includes(code)
      ? pass('error-code', code)
      : fail(
          'error-code',
          body === undefined
            ? 'no JSON object body'
            : code === undefined
              ? `no "error" member (members: ${Object.keys(body).slice(0, 6).join(', ') || 'none'})`
              : `error "${code.slice(0, 60)}"`,
        ),
  );
  const basicAuth = /^basic\s/i.test(requestHeader(ex.request, 'authorization') ?? '');
  const statuses = allowedStatuses(kind, code, basicAuth);
  out.push(verdict('error-status', statuses.includes(res.status), `${res.status}${code ? ` for ${code}` : ''}`));
  if (code === 'invalid_client' && basicAuth && kind !== 'registration') {
    const challenge = res.headers['www-authenticate'];
    const ok = res.status === 401 && challenge !== undefined && challenge.trim() !== '';
    out.push(
      verdict(
        'error-invalid-client-401',
        ok,
        `${res.status}, ${challenge ? 'WWW-Authenticate present' : 'no WWW-Authenticate'}`,
      ),
    );
  }
  const description = body?.error_description;
  if (code !== undefined || description !== undefined) {
    const texts = [code ?? '', typeof description === 'string' ? description : ''];
    const bad = texts.map((t) => badChar(t, /[\x20\x21\x23-\x5b\x5d-\x7e]/)).find((c) => c !== 'none');
    const typed = description === undefined || typeof description === 'string';
    out.push(
      verdict(
        'error-description-chars',
        typed && texts.every((t) => TEXT_CHARS.test(t)),
        typed ? (bad ? `character ${bad}` : 'allowed characters only') : `error_description is ${typeof description}`,
      ),
    );
  }
  const uri = body?.error_uri;
  if (uri !== undefined) {
    const ok = typeof uri === 'string' && URI_CHARS.test(uri);
    out.push(
      verdict(
        'error-uri',
        ok,
        typeof uri === 'string' ? (ok ? 'a URI' : `character ${badChar(uri, /[\x21\x23-\x5b\x5d-\x7e]/)}`) : typeof uri,
      ),
    );
  }
  return out;
}
