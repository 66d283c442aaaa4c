import type { StandardRule } from './rules.js';

const ERROR_PACKS: StandardRule['packs'] = ['token', 'revocation', 'introspection', 'registration'];

/** The token endpoint (RFC 6749 §5.1) and OAuth error responses (§5.2). */
export const TOKEN_RULES: readonly StandardRule[] = [
  // Token endpoint, successful response.
  {
    id: 'token-access-token',
    packs: ['token'],
    clause: 'RFC 6749 §5.1',
    strength: 'must',
    requirement: 'A successful token response carries a non-empty string `access_token`.',
    fix: 'Return the issued token in an `access_token` member of the JSON body.',
  },
  {
    id: 'token-token-type',
    packs: ['token'],
    clause: 'RFC 6749 §5.1',
    strength: 'must',
    requirement: 'A successful token response names the token type in a string `token_type` (e.g. `Bearer`).',
    fix: 'Add `"token_type": "Bearer"` (or the type issued) to the token response.',
  },
  {
    id: 'token-expires-in-number',
    packs: ['token'],
    clause: 'RFC 6749 §5.1',
    strength: 'must',
    requirement: '`expires_in`, when present, is a number of seconds, not a string.',
    fix: 'Serialise `expires_in` as a JSON number (3600, not "3600").',
  },
  {
    id: 'token-scope-string',
    packs: ['token'],
    clause: 'RFC 6749 §5.1, §3.3',
    strength: 'must',
    requirement: '`scope`, when present, is one string of space-separated scope names.',
    fix: 'Join the granted scopes with spaces into one string instead of a list.',
  },
  {
    id: 'token-no-store',
    packs: ['token'],
    clause: 'RFC 6749 §5.1',
    strength: 'must',
    requirement: 'A response holding tokens is sent with `Cache-Control: no-store`, so no cache keeps it.',
    fix: 'Set `Cache-Control: no-store` on every token endpoint response that carries a token.',
  },
  {
    id: 'token-pragma-no-cache',
    packs: ['token'],
    clause: 'RFC 6749 §5.1',
    strength: 'should',
    requirement:
      'A token response also sends `Pragma: no-cache` for HTTP/1.0 caches (RFC 9111 deprecates Pragma, hence a warning).',
    fix: 'Add `Pragma: no-cache` beside `Cache-Control: no-store`.',
  },
  {
    id: 'token-json',
    packs: ['token'],
    clause: 'RFC 6749 §5.1',
    strength: 'must',
    requirement: 'A successful token response is a JSON object sent as `application/json`.',
    fix: 'Answer with `Content-Type: application/json` and a JSON object body.',
  },
  // Error responses (token, revocation, introspection, registration).
  {
    id: 'error-status',
    packs: ERROR_PACKS,
    clause: 'RFC 6749 §5.2',
    strength: 'must',
    requirement:
      'An OAuth error response uses status 400, or 401 for `invalid_client` (a registration error: 400; introspection also 401 for an unauthenticated caller).',
    fix: 'Answer OAuth errors with 400 (401 only for failed client authentication), not with the status a REST API would choose.',
  },
  {
    id: 'error-invalid-client-401',
    packs: ['token', 'revocation', 'introspection'],
    clause: 'RFC 6749 §5.2',
    strength: 'must',
    requirement:
      'When a client that authenticated with the Authorization header fails authentication, the answer is 401 with a `WWW-Authenticate` header for that scheme.',
    fix: 'Answer `invalid_client` to a Basic-authenticated client with 401 and `WWW-Authenticate: Basic realm="…"`.',
  },
  {
    id: 'error-code',
    packs: ERROR_PACKS,
    clause: 'RFC 6749 §5.2',
    strength: 'must',
    requirement:
      'An error response is a JSON object whose `error` is one of the codes the RFC defines for the endpoint.',
    fix: 'Put a defined code (e.g. `invalid_request`, `invalid_grant`) in `error`; keep your own detail in `error_description`.',
  },
  {
    id: 'error-description-chars',
    packs: ERROR_PACKS,
    clause: 'RFC 6749 §5.2',
    strength: 'must',
    requirement:
      '`error` and `error_description` use only printable ASCII without `"` and `\\` (%x20-21 / %x23-5B / %x5D-7E).',
    fix: 'Drop quotes, backslashes, control and non-ASCII characters from the error text.',
  },
  {
    id: 'error-uri',
    packs: ERROR_PACKS,
    clause: 'RFC 6749 §5.2',
    strength: 'must',
    requirement: '`error_uri`, when present, is a URI reference made of %x21 / %x23-5B / %x5D-7E characters.',
    fix: 'Send a plain URL (percent-encode spaces and other characters) in `error_uri`.',
  },
  {
    id: 'error-json',
    packs: ERROR_PACKS,
    clause: 'RFC 6749 §5.2',
    strength: 'must',
    requirement: 'An OAuth error response is sent as `application/json`.',
    fix: 'Answer errors with `Content-Type: application/json`.',
  },
];
