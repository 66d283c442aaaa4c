import type { Exchange, Outcome } from './exchange.js';
import { fail, isJsonType, isSecureUrl, jsonObject, shownType, typeName, verdict } from './exchange.js';

const WELL_KNOWN = /\/\.well-known\/(oauth-authorization-server|openid-configuration)(\/.*)?$/;

/**
 * The issuer a metadata URL was formed from: RFC 8414 §3.1 inserts the well-known part between host and path
 * (`/.well-known/oauth-authorization-server/tenant`), OpenID Connect Discovery §4 appends it (`/tenant/.well-known/openid-configuration`).
 */
export function issuerFor(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const m = WELL_KNOWN.exec(u.pathname);
  if (!m) return undefined;
  const before = u.pathname.slice(0, m.index);
  const after = m[2] ?? '';
  return `${u.origin}${before}${after}`;
}

const isList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** `issuer`: an https URL without query or fragment (RFC 8414 §2), the one the metadata URL was formed from (§3.3). */
function issuerOutcomes(ex: Exchange, body: Record<string, unknown>): Outcome[] {
  const issuer = body.issuer;
  let issuerOk = false;
  if (typeof issuer === 'string' && isSecureUrl(issuer)) {
    const u = new URL(issuer);
    issuerOk = u.search === '' && u.hash === '' && !issuer.includes('?') && !issuer.includes('#');
  }
  const out = [
    verdict('discovery-issuer', issuerOk, typeof issuer === 'string' ? issuer.slice(0, 120) : typeName(issuer)),
  ];
  const expected = issuerFor(ex.url);
  if (typeof issuer === 'string' && expected !== undefined) {
    // A terminating slash of the issuer is removed before the well-known part is added (RFC 8414 §3.1).
    const ok = issuer === expected || issuer === `${expected}/`;
    out.push(verdict('discovery-issuer-match', ok, `issuer ${issuer.slice(0, 120)} for ${expected}`));
  }
  return out;
}

/** The endpoints a server must advertise, as absolute https URLs (RFC 8414 §2). */
function endpointOutcomes(body: Record<string, unknown>): Outcome[] {
  const grants = isList(body.grant_types_supported)
    ? (body.grant_types_supported as string[])
    : ['authorization_code', 'implicit'];
  const missing: string[] = [];
  if (!('token_endpoint' in body) && !(grants.length === 1 && grants[0] === 'implicit')) missing.push('token_endpoint');
  if (!('authorization_endpoint' in body) && grants.some((g) => g === 'authorization_code' || g === 'implicit'))
    missing.push('authorization_endpoint');
  const endpoints = Object.keys(body).filter((k) => k.endsWith('_endpoint') || k === 'jwks_uri');
  const insecure = endpoints.filter((k) => !isSecureUrl(body[k]));
  return [
    verdict(
      'discovery-endpoints-present',
      missing.length === 0,
      missing.length ? `no ${missing.join(', ')}` : 'present',
    ),
    verdict(
      'discovery-endpoints-https',
      insecure.length === 0,
      insecure.length ? `not absolute https: ${insecure.join(', ')}` : `${endpoints.length} absolute`,
    ),
  ];
}

/** PKCE: S256 when methods are listed (RFC 7636 §4.2), and listed at all by a server with an authorization endpoint. */
function pkceOutcomes(body: Record<string, unknown>): Outcome[] {
  const methods = body.code_challenge_methods_supported;
  const out: Outcome[] = [];
  if (methods !== undefined)
    out.push(
      verdict(
        'discovery-pkce-s256',
        isList(methods) && (methods as string[]).includes('S256'),
        isList(methods) ? (methods as string[]).join(', ') || 'empty list' : typeName(methods),
      ),
    );
  if ('authorization_endpoint' in body)
    out.push(
      verdict(
        'discovery-pkce-advertised',
        methods !== undefined,
        methods === undefined ? 'no code_challenge_methods_supported' : 'advertised',
      ),
    );
  return out;
}

/** RFC 8414 §2-§3 (and OpenID Connect Discovery §3) on a metadata document. */
export function discoveryOutcomes(ex: Exchange): Outcome[] {
  const res = ex.response;
  const body = jsonObject(res);
  if (res.status !== 200 || !body)
    return res.status >= 400
      ? []
      : [fail('discovery-json', `${res.status}, ${body ? shownType(res.contentType) : 'no JSON object body'}`)];
  const out: Outcome[] = [
    verdict('discovery-json', isJsonType(res.contentType), shownType(res.contentType)),
    ...issuerOutcomes(ex, body),
    verdict('discovery-response-types', isList(body.response_types_supported), typeName(body.response_types_supported)),
    ...endpointOutcomes(body),
    ...pkceOutcomes(body),
  ];
  if (ex.url.includes('/.well-known/openid-configuration')) {
    const need = ['jwks_uri', 'subject_types_supported', 'id_token_signing_alg_values_supported'].filter(
      (k) => !(k in body),
    );
    out.push(verdict('discovery-oidc-required', need.length === 0, need.length ? `no ${need.join(', ')}` : 'present'));
  }
  return out;
}
