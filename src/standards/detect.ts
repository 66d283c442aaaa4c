import type { DeclaredKind, EndpointKind } from '../core/endpoint-kind.js';
import type { RequestShape } from '../core/request.js';

/** Which pack checks a card's request, and why: what the card or config declares, else what the request shows. */
export interface Detection {
  kind: EndpointKind;
  /** One clause, e.g. `the form has grant_type`, `front-matter endpointKind: token`. */
  why: string;
}

/** RFC 7591 §2 client metadata names: a JSON body with one of them, POSTed to a registration path, registers a client. */
const CLIENT_METADATA = [
  'redirect_uris',
  'client_name',
  'grant_types',
  'response_types',
  'token_endpoint_auth_method',
  'software_statement',
  'software_id',
  'jwks_uri',
  'client_uri',
];

const DISCOVERY = /\/\.well-known\/(oauth-authorization-server|openid-configuration)(\/|$)/;
const REVOCATION = /\/(revoke|revocation)\/?$/i;
const INTROSPECTION = /\/[^/]*introspect[^/]*\/?$/i;
const REGISTRATION = /\/(reg|register|registration|clients?|dcr)\/?$/i;

const bodyKeys = (r: RequestShape): string[] =>
  r.body !== null && typeof r.body === 'object' && !Array.isArray(r.body) ? Object.keys(r.body) : [];

/** The fields a request sends, form or JSON body. */
const sentFields = (r: RequestShape): string[] => [...Object.keys(r.form ?? {}), ...bodyKeys(r)];

/**
 * The pack a request gets from what it is, in this order (docs/standards.md lists the same rules):
 * discovery by its well-known path; revocation (`token` sent to a path ending in revoke/revocation); introspection
 * (a path segment with `introspect`); token (`grant_type` sent); registration (RFC 7591 metadata POSTed as JSON to
 * a path ending in reg, register, registration, client(s) or dcr); authorization (`response_type` in the query).
 * Protected resources are never guessed: a card or API declares them.
 */
export function detectFromRequest(r: RequestShape): Detection | undefined {
  const path = r.path.split('?')[0] ?? r.path;
  const fields = sentFields(r);
  if (DISCOVERY.test(path))
    return {
      kind: 'discovery',
      why: `the path is ${path.includes('openid') ? 'the openid-configuration' : 'an RFC 8414'} well-known URL`,
    };
  if (REVOCATION.test(path) && fields.includes('token'))
    return { kind: 'revocation', why: 'it sends `token` to a path ending in revoke/revocation' };
  if (INTROSPECTION.test(path)) return { kind: 'introspection', why: 'the path names introspection' };
  if (fields.includes('grant_type'))
    return { kind: 'token', why: `its ${r.form && 'grant_type' in r.form ? 'form' : 'body'} has grant_type` };
  const metadata = bodyKeys(r).filter((k) => CLIENT_METADATA.includes(k));
  if (r.method.toUpperCase() === 'POST' && metadata.length && REGISTRATION.test(path))
    return {
      kind: 'registration',
      why: `it POSTs client metadata (${metadata.slice(0, 3).join(', ')}) to a registration path`,
    };
  if (r.query && 'response_type' in r.query) return { kind: 'authorization', why: 'its query has response_type' };
  return undefined;
}

/** A declared kind wins over detection; `none` says no pack applies. */
export function detectKind(
  r: RequestShape,
  declared: { kind: DeclaredKind; why: string } | undefined,
): Detection | undefined {
  if (declared) return declared.kind === 'none' ? undefined : { kind: declared.kind, why: declared.why };
  return detectFromRequest(r);
}
