import type { StandardRule } from './rules.js';

/** Discovery (RFC 8414, OpenID Connect Discovery), the authorization endpoint, protected resources (RFC 6750). */
export const DISCOVERY_RULES: readonly StandardRule[] = [
  // Discovery (RFC 8414, OpenID Connect Discovery).
  {
    id: 'discovery-json',
    packs: ['discovery'],
    clause: 'RFC 8414 §3.2',
    strength: 'must',
    requirement: 'Metadata is answered 200 with a JSON object as `application/json`.',
    fix: 'Serve the metadata document as `application/json`.',
  },
  {
    id: 'discovery-issuer',
    packs: ['discovery'],
    clause: 'RFC 8414 §2',
    strength: 'must',
    requirement: '`issuer` is present: an https URL (http only on loopback) with no query or fragment.',
    fix: 'Publish the issuer identifier as `https://host[/path]`.',
  },
  {
    id: 'discovery-issuer-match',
    packs: ['discovery'],
    clause: 'RFC 8414 §3.3',
    strength: 'must',
    requirement: '`issuer` is the very URL the metadata location was formed from (mix-up protection).',
    fix: 'Make `issuer` equal the URL before `/.well-known/…` (or the path after it), character for character.',
  },
  {
    id: 'discovery-response-types',
    packs: ['discovery'],
    clause: 'RFC 8414 §2',
    strength: 'must',
    requirement: '`response_types_supported` is present, a list of strings.',
    fix: 'List the response types the authorization endpoint accepts, e.g. `["code"]`.',
  },
  {
    id: 'discovery-endpoints-present',
    packs: ['discovery'],
    clause: 'RFC 8414 §2',
    strength: 'must',
    requirement:
      '`token_endpoint` is present unless only the implicit grant is supported, `authorization_endpoint` unless no grant uses it.',
    fix: 'Advertise the token and authorization endpoints, or narrow `grant_types_supported`.',
  },
  {
    id: 'discovery-endpoints-https',
    packs: ['discovery'],
    clause: 'RFC 8414 §2',
    strength: 'must',
    requirement:
      'Every advertised endpoint (`*_endpoint`, `jwks_uri`) is an absolute https URL (http only on loopback).',
    fix: 'Advertise absolute https URLs, not paths.',
  },
  {
    id: 'discovery-pkce-s256',
    packs: ['discovery'],
    clause: 'RFC 7636 §4.2, RFC 9700 §2.1.1',
    strength: 'must',
    requirement:
      '`code_challenge_methods_supported`, when present, includes `S256`, the method every server must implement.',
    fix: 'Implement and advertise S256.',
  },
  {
    id: 'discovery-pkce-advertised',
    packs: ['discovery'],
    clause: 'RFC 9700 §2.1.1',
    strength: 'should',
    requirement:
      'A server with an authorization endpoint tells clients it supports PKCE in `code_challenge_methods_supported`.',
    fix: 'Publish `"code_challenge_methods_supported": ["S256"]`.',
  },
  {
    id: 'discovery-oidc-required',
    packs: ['discovery'],
    clause: 'OpenID Connect Discovery 1.0 §3',
    strength: 'must',
    requirement:
      'An `openid-configuration` document has `jwks_uri`, `subject_types_supported` and `id_token_signing_alg_values_supported`.',
    fix: 'Add the missing OpenID Provider metadata.',
  },
  // Authorization endpoint.
  {
    id: 'authorization-state',
    packs: ['authorization'],
    clause: 'RFC 6749 §4.1.2, §4.1.2.1',
    strength: 'must',
    requirement: 'A redirect back to the client carries the request’s `state` unchanged.',
    fix: 'Copy `state` from the authorization request into the redirect, byte for byte.',
  },
  {
    id: 'authorization-error-code',
    packs: ['authorization'],
    clause: 'RFC 6749 §4.1.2.1',
    strength: 'must',
    requirement: 'An error redirect’s `error` is one of the defined authorization error codes.',
    fix: 'Use a defined code (`invalid_request`, `access_denied`, `unsupported_response_type`…) in `error`.',
  },
  // Protected resource (RFC 6750).
  {
    id: 'bearer-www-authenticate',
    packs: ['protected-resource'],
    clause: 'RFC 6750 §3',
    strength: 'must',
    requirement: 'A 401 from a protected resource carries `WWW-Authenticate` with the `Bearer` scheme.',
    fix: 'Add `WWW-Authenticate: Bearer realm="…"` (with `error="invalid_token"` when a token was sent) to 401s.',
  },
  {
    id: 'bearer-invalid-token',
    packs: ['protected-resource'],
    clause: 'RFC 6750 §3.1',
    strength: 'should',
    requirement: 'A 401 to a request that sent a bearer token says `error="invalid_token"` in `WWW-Authenticate`.',
    fix: 'Add `error="invalid_token"` to the Bearer challenge when the token is expired, revoked or unknown.',
  },
  {
    id: 'bearer-no-error-without-token',
    packs: ['protected-resource'],
    clause: 'RFC 6750 §3.1',
    strength: 'should',
    requirement: 'A 401 to a request that sent no credentials has no `error` in its challenge.',
    fix: 'Send a bare `WWW-Authenticate: Bearer realm="…"` when no token was sent.',
  },
];
