import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback OAuth server that breaks one standards rule per path: a request to `/<rule id>/…` gets an answer
 * that is right in every way the case does not break (test/e2e/standards-rules.test.ts).
 */

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** A body sent as is (e.g. JSON under a non-JSON content type). */
  raw?: string;
}

export interface RuleCase {
  rule: string;
  /** The card's request, its path after `/<rule>`. */
  request: {
    method: string;
    path: string;
    form?: Record<string, string>;
    body?: unknown;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    basic?: { username: string; password: string };
  };
  endpointKind?: string;
  /** UID Resolution of the card, its request paths after `/<rule>` (a PKCE code, a token to revoke). */
  uid?: Record<
    string,
    { create: { method: string; path: string; form?: Record<string, string> }; extract_from: string; resource?: false }
  >;
  /** The status the card expects, when its answer depends on what its UID steps got first. */
  expectStatus?: number;
  /** The card's cleanup (a POST card without one declares `"cleanup": null`). */
  cleanup?: unknown;
  /** What the server answers; `origin` and the rule's prefix are passed for URLs, the request's body, method and path after the prefix. */
  answer: (base: string, body?: string, method?: string, path?: string) => Answer;
}

const TOKEN_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' };
const goodToken = {
  access_token: 'at-0123456789abcdefghij',
  token_type: 'Bearer',
  expires_in: 3600,
  scope: 'read write',
};
const tokenRequest = {
  method: 'POST',
  path: '/oauth/token',
  form: { grant_type: 'client_credentials', client_id: 'c1', client_secret: 'cs-0123456789abcdef' },
};
const tokenAnswer = (body: Record<string, unknown>, headers: Record<string, string> = TOKEN_HEADERS): Answer => ({
  status: 200,
  headers,
  body,
});
const errorAnswer = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body,
});
const without = (o: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

const registration = {
  method: 'POST',
  path: '/register',
  body: { client_name: 'hostile', redirect_uris: ['https://client.example/cb'] },
};
const regJson = { 'content-type': 'application/json', 'cache-control': 'no-store' };
const goodMetadata = (base: string) => ({
  issuer: base,
  authorization_endpoint: `${base}/authorize`,
  token_endpoint: `${base}/token`,
  jwks_uri: `${base}/jwks`,
  response_types_supported: ['code'],
  subject_types_supported: ['public'],
  id_token_signing_alg_values_supported: ['RS256'],
  code_challenge_methods_supported: ['S256'],
});
const discovery = { method: 'GET', path: '/.well-known/oauth-authorization-server' };
const metadata = (body: Record<string, unknown>): Answer => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body,
});
const authorize = {
  method: 'GET',
  path: '/authorize',
  query: { response_type: 'code', client_id: 'c1', state: 'st-abc', redirect_uri: 'https://client.example/cb' },
};
const redirect = (location: string): Answer => ({ status: 302, headers: { location } });
const resource = { method: 'GET', path: '/api/things', headers: { Authorization: 'Bearer expired-0123456789abcdef' } };

/** A request body's fields, form-encoded or JSON. */
function fieldsOf(body = ''): Record<string, string> {
  try {
    const j = JSON.parse(body) as unknown;
    if (j !== null && typeof j === 'object') return j as Record<string, string>;
  } catch {}
  return Object.fromEntries(new URLSearchParams(body));
}

const PKCE_VERIFIER = 'hostile-pkce-verifier-0123456789abcdefghijklmn';
/** A card that signs in for a code (PKCE S256, its challenge in the form) and exchanges it with the verifier. */
const pkceCard = {
  uid: {
    code: {
      create: {
        method: 'POST',
        path: '/oauth/authorize',
        form: {
          response_type: 'code',
          client_id: 'c1',
          code_challenge: 'challenge-of-the-verifier',
          code_challenge_method: 'S256',
        },
      },
      extract_from: 'code',
      resource: false as const,
    },
  },
  request: {
    method: 'POST',
    path: '/oauth/token',
    form: {
      grant_type: 'authorization_code',
      code: '{{resolved.code}}',
      redirect_uri: 'https://client.example/cb',
      code_verifier: PKCE_VERIFIER,
    },
    basic: { username: 'c1', password: 'cs-0123456789abcdef' },
  },
  expectStatus: 200,
};

/**
 * An authorization and token endpoint that gets PKCE right (S256 only, the verifier required and compared, a code
 * used once) but for the rule it breaks.
 */
function pkceServer(broken: string): RuleCase['answer'] {
  const issued = new Map<string, boolean>();
  return (_base, body, _method, path) => {
    const f = fieldsOf(body);
    if (path === '/oauth/authorize') {
      const plainOk = broken === 'followup-pkce-plain-refused';
      if (f.code_challenge_method !== 'S256' && !(plainOk && f.code_challenge_method === 'plain'))
        return errorAnswer(400, { error: 'invalid_request' });
      const code = `code-${issued.size}-0123456789abcdef`;
      issued.set(code, false);
      return { status: 200, headers: { 'content-type': 'application/json' }, body: { code } };
    }
    const code = f.code ?? '';
    if (issued.get(code) !== false) return errorAnswer(400, { error: 'invalid_grant' });
    issued.set(code, true);
    const verified =
      f.code_verifier === undefined
        ? broken === 'followup-pkce-verifier-required'
        : f.code_verifier === PKCE_VERIFIER || broken === 'followup-pkce-wrong-verifier';
    return verified ? tokenAnswer(goodToken) : errorAnswer(400, { error: 'invalid_grant' });
  };
}

/** The token the revocation card revokes: issued by its UID step, still active afterwards for the broken server. */
const LIVE_TOKEN = 'at-live-0123456789abcdef';
/** The rule whose case also answers `/.well-known/…` at the origin (the API's base URL in the test's config). */
export const WELL_KNOWN_RULE = 'followup-revoked-token-dead';

/** One case per rule of src/standards/rules*.ts, in registry order. */
export const RULE_CASES: RuleCase[] = [
  { rule: 'token-access-token', request: tokenRequest, answer: () => tokenAnswer(without(goodToken, 'access_token')) },
  { rule: 'token-token-type', request: tokenRequest, answer: () => tokenAnswer(without(goodToken, 'token_type')) },
  {
    rule: 'token-expires-in-number',
    request: tokenRequest,
    answer: () => tokenAnswer({ ...goodToken, expires_in: '3600' }),
  },
  {
    rule: 'token-scope-string',
    request: tokenRequest,
    answer: () => tokenAnswer({ ...goodToken, scope: ['read', 'write'] }),
  },
  {
    rule: 'token-no-store',
    request: tokenRequest,
    answer: () => tokenAnswer(goodToken, { 'content-type': 'application/json', pragma: 'no-cache' }),
  },
  {
    rule: 'token-pragma-no-cache',
    request: tokenRequest,
    answer: () => tokenAnswer(goodToken, { 'content-type': 'application/json', 'cache-control': 'no-store' }),
  },
  {
    rule: 'token-json',
    request: tokenRequest,
    answer: () => ({
      status: 200,
      headers: { ...TOKEN_HEADERS, 'content-type': 'text/plain' },
      raw: JSON.stringify(goodToken),
    }),
  },
  { rule: 'error-status', request: tokenRequest, answer: () => errorAnswer(403, { error: 'invalid_grant' }) },
  {
    rule: 'error-invalid-client-401',
    request: {
      method: 'POST',
      path: '/oauth/token',
      form: { grant_type: 'client_credentials' },
      basic: { username: 'c1', password: 'wrong-0123456789abcdef' },
    },
    answer: () => errorAnswer(401, { error: 'invalid_client' }),
  },
  { rule: 'error-code', request: tokenRequest, answer: () => errorAnswer(400, { error: 'server_error' }) },
  {
    rule: 'error-description-chars',
    request: tokenRequest,
    answer: () => errorAnswer(400, { error: 'invalid_request', error_description: 'scope "admin" is unknown' }),
  },
  {
    rule: 'error-uri',
    request: tokenRequest,
    answer: () =>
      errorAnswer(400, { error: 'invalid_request', error_uri: 'https://docs.example/errors/invalid request' }),
  },
  {
    rule: 'error-json',
    request: tokenRequest,
    answer: () => ({ status: 400, headers: { 'content-type': 'text/plain' }, raw: 'error=invalid_request' }),
  },
  {
    rule: 'revocation-status-200',
    request: { method: 'POST', path: '/oauth/revoke', form: { token: 'rt-0123456789abcdef', client_id: 'c1' } },
    answer: () => ({ status: 204 }),
  },
  {
    rule: 'introspection-active',
    request: { method: 'POST', path: '/oauth/introspect', form: { token: 'at-0123456789abcdef' } },
    answer: () => metadata({ active: 'true' }),
  },
  {
    rule: 'introspection-inactive-only',
    request: { method: 'POST', path: '/oauth/introspect', form: { token: 'at-0123456789abcdef' } },
    answer: () => metadata({ active: false, reason: 'expired', sub: 'u1' }),
  },
  {
    rule: 'introspection-json',
    request: { method: 'POST', path: '/oauth/introspect', form: { token: 'at-0123456789abcdef' } },
    answer: () => ({ status: 200, headers: { 'content-type': 'text/plain' }, raw: '{"active":false}' }),
  },
  {
    rule: 'registration-status',
    request: registration,
    answer: () => ({ status: 200, headers: regJson, body: { client_id: 'c9' } }),
  },
  {
    rule: 'registration-client-id',
    request: registration,
    answer: () => ({ status: 201, headers: regJson, body: { client_name: 'hostile' } }),
  },
  {
    rule: 'registration-secret-expires',
    request: registration,
    answer: () => ({ status: 201, headers: regJson, body: { client_id: 'c9', client_secret: 'cs-0123456789abcdef' } }),
  },
  {
    rule: 'registration-issued-at-number',
    request: registration,
    answer: () => ({
      status: 201,
      headers: regJson,
      body: { client_id: 'c9', client_id_issued_at: '2026-12-02T00:00:00Z' },
    }),
  },
  {
    rule: 'registration-management-pair',
    request: registration,
    answer: () => ({
      status: 201,
      headers: regJson,
      body: { client_id: 'c9', registration_access_token: 'rat-0123456789abcdef' },
    }),
  },
  {
    rule: 'registration-json',
    request: registration,
    answer: () => ({ status: 201, headers: { 'content-type': 'text/plain' }, raw: '{"client_id":"c9"}' }),
  },
  {
    rule: 'discovery-json',
    request: discovery,
    answer: (base) => ({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      raw: JSON.stringify(goodMetadata(base)),
    }),
  },
  {
    rule: 'discovery-issuer',
    request: discovery,
    answer: (base) => metadata({ ...goodMetadata(base), issuer: `${base}?tenant=1` }),
  },
  {
    rule: 'discovery-issuer-match',
    request: discovery,
    answer: (base) => metadata({ ...goodMetadata(base), issuer: `${base}/elsewhere` }),
  },
  {
    rule: 'discovery-response-types',
    request: discovery,
    answer: (base) => metadata(without(goodMetadata(base), 'response_types_supported')),
  },
  {
    rule: 'discovery-endpoints-present',
    request: discovery,
    answer: (base) => metadata(without(goodMetadata(base), 'token_endpoint')),
  },
  {
    rule: 'discovery-endpoints-https',
    request: discovery,
    answer: (base) => metadata({ ...goodMetadata(base), token_endpoint: '/token' }),
  },
  {
    rule: 'discovery-pkce-s256',
    request: discovery,
    answer: (base) => metadata({ ...goodMetadata(base), code_challenge_methods_supported: ['plain'] }),
  },
  {
    rule: 'discovery-pkce-advertised',
    request: discovery,
    answer: (base) => metadata(without(goodMetadata(base), 'code_challenge_methods_supported')),
  },
  {
    rule: 'discovery-oidc-required',
    request: { method: 'GET', path: '/.well-known/openid-configuration' },
    answer: (base) => metadata(without(goodMetadata(base), 'jwks_uri')),
  },
  {
    rule: 'authorization-state',
    request: authorize,
    answer: () => redirect('https://client.example/cb?code=c-0123456789abcdef&state=other'),
  },
  {
    rule: 'authorization-error-code',
    request: authorize,
    answer: () => redirect('https://client.example/cb?error=bad_thing&state=st-abc'),
  },
  {
    rule: 'bearer-www-authenticate',
    request: resource,
    endpointKind: 'protected-resource',
    answer: () => errorAnswer(401, { message: 'expired' }),
  },
  {
    rule: 'bearer-invalid-token',
    request: resource,
    endpointKind: 'protected-resource',
    answer: () => errorAnswer(401, {}, { 'www-authenticate': 'Bearer realm="api"' }),
  },
  {
    rule: 'bearer-no-error-without-token',
    request: { method: 'GET', path: '/api/things' },
    endpointKind: 'protected-resource',
    answer: () => errorAnswer(401, {}, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' }),
  },
  // Follow-ups: the card's own answer is right, the one to the extra request is not.
  {
    rule: 'followup-code-single-use',
    request: {
      method: 'POST',
      path: '/oauth/token',
      form: {
        grant_type: 'authorization_code',
        code: 'code-0123456789abcdef',
        redirect_uri: 'https://client.example/cb',
      },
      basic: { username: 'c1', password: 'cs-0123456789abcdef' },
    },
    answer: () => tokenAnswer(goodToken),
  },
  {
    rule: 'followup-revoke-unknown-token',
    request: { method: 'POST', path: '/oauth/revoke', form: { token: 'rt-known-0123456789', client_id: 'c1' } },
    answer: (_base, body) =>
      body?.includes('rt-known-0123456789') ? { status: 200 } : errorAnswer(400, { error: 'invalid_request' }),
  },
  {
    rule: 'followup-introspection-auth',
    request: {
      method: 'POST',
      path: '/oauth/introspect',
      form: { token: 'at-0123456789abcdef' },
      basic: { username: 'c1', password: 'cs-0123456789abcdef' },
    },
    answer: () => metadata({ active: true, scope: 'read', client_id: 'c1' }),
  },
  {
    rule: 'followup-registration-deleted',
    request: registration,
    cleanup: {
      method: 'DELETE',
      path: '/followup-registration-deleted/register/{{response.client_id}}',
      headers: { Authorization: 'Bearer {{response.registration_access_token}}' },
    },
    answer: (base, _body, method) =>
      method === 'DELETE'
        ? { status: 204 }
        : method === 'GET'
          ? { status: 200, headers: regJson, body: { client_id: 'c9' } }
          : {
              status: 201,
              headers: regJson,
              body: {
                client_id: 'c9',
                registration_client_uri: `${base}/register/c9`,
                registration_access_token: 'rat-0123456789abcdef',
              },
            },
  },
  { rule: 'followup-pkce-wrong-verifier', ...pkceCard, answer: pkceServer('followup-pkce-wrong-verifier') },
  { rule: 'followup-pkce-verifier-required', ...pkceCard, answer: pkceServer('followup-pkce-verifier-required') },
  { rule: 'followup-pkce-plain-refused', ...pkceCard, answer: pkceServer('followup-pkce-plain-refused') },
  {
    rule: 'followup-revoked-token-dead',
    uid: {
      access_token: {
        create: { method: 'POST', path: '/oauth/token', form: { grant_type: 'client_credentials' } },
        extract_from: 'access_token',
      },
    },
    request: {
      method: 'POST',
      path: '/oauth/revoke',
      form: { token: '{{resolved.access_token}}', token_type_hint: 'access_token' },
      basic: { username: 'c1', password: 'cs-0123456789abcdef' },
    },
    // Revocation answers 200 and forgets nothing: the token is still active when introspected.
    answer: (base, _body, method, path) =>
      method === 'GET' && path?.startsWith('/.well-known/')
        ? metadata({ ...goodMetadata(base), introspection_endpoint: `${base}/${WELL_KNOWN_RULE}/oauth/introspect` })
        : path === '/oauth/token'
          ? tokenAnswer({ ...goodToken, access_token: LIVE_TOKEN })
          : path === '/oauth/introspect'
            ? metadata({ active: true, scope: 'read', client_id: 'c1' })
            : { status: 200 },
  },
];

const BY_RULE = new Map(RULE_CASES.map((c) => [c.rule, c]));

function answer(req: IncomingMessage, res: ServerResponse, origin: string, body: string): void {
  const url = new URL(req.url ?? '/', origin);
  const first = url.pathname.split('/')[1] ?? '';
  // The API's metadata is looked for at the origin (the base URL): one case answers it.
  const rule = first === '.well-known' ? WELL_KNOWN_RULE : first;
  const c = BY_RULE.get(rule);
  if (!c) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such case"}');
    return;
  }
  const rest = first === '.well-known' ? url.pathname : url.pathname.slice(rule.length + 1);
  const a = c.answer(first === '.well-known' ? origin : `${origin}/${rule}`, body, req.method, rest);
  const text = a.raw ?? (a.body === undefined ? '' : JSON.stringify(a.body));
  res.writeHead(a.status, a.headers ?? {}).end(text);
}

/** Start it on 127.0.0.1; `stop` closes it. */
export async function startStandardsServer(): Promise<{ origin: string; stop: () => Promise<void> }> {
  let origin = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, res, origin, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
