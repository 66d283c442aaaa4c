import { describe, expect, it } from 'vitest';
import type { EndpointKind } from '../core/endpoint-kind.js';
import type { RequestShape } from '../core/request.js';
import type { ObservedResponse } from '../core/response.js';
import { issuerFor } from './discovery.js';
import { standardsChecks } from './run-standards.js';

const res = (status: number, body?: unknown, headers: Record<string, string> = {}): ObservedResponse => {
  const all = { 'content-type': 'application/json', ...headers };
  return {
    status,
    headers: all,
    contentType: all['content-type'],
    json: body,
    text: JSON.stringify(body ?? ''),
    durationMs: 1,
  };
};

function verdicts(
  kind: EndpointKind,
  request: Partial<RequestShape>,
  response: ObservedResponse,
  url = 'https://as.example/x',
) {
  const checks = standardsChecks({
    detection: { kind, why: 'test' },
    level: 'error',
    off: [],
    request: { method: 'POST', path: '/x', ...request },
    url,
    response,
  });
  return Object.fromEntries(checks.map((c) => [c.rule, c.passed ? 'pass' : c.warning ? 'warn' : 'fail']));
}

describe('what the packs check, and what they leave alone', () => {
  it('a conformant token response passes every token rule', () => {
    const ok = res(
      200,
      { access_token: 'a'.repeat(20), token_type: 'Bearer', expires_in: 60, scope: 'a b' },
      {
        'cache-control': 'no-store, private',
        pragma: 'no-cache',
      },
    );
    expect(Object.values(verdicts('token', {}, ok))).toEqual(Array(7).fill('pass'));
  });

  it('429 and 5xx are no OAuth error responses: no verdict', () => {
    expect(verdicts('token', {}, res(429, { code: 'slow' }))).toEqual({});
    expect(verdicts('token', {}, res(503, { error: 'temporarily_unavailable' }))).toEqual({});
  });

  it('invalid_client may be 400 or 401 when the client authenticated in the body, and must be 401 + challenge over Basic', () => {
    expect(verdicts('token', { form: { client_id: 'c' } }, res(400, { error: 'invalid_client' }))['error-status']).toBe(
      'pass',
    );
    const basic = { headers: { Authorization: 'Basic Yzpz' } };
    expect(verdicts('token', basic, res(400, { error: 'invalid_client' }))).toMatchObject({
      'error-status': 'fail',
      'error-invalid-client-401': 'fail',
    });
    expect(
      verdicts('token', basic, res(401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="as"' })),
    ).toMatchObject({ 'error-status': 'pass', 'error-invalid-client-401': 'pass' });
  });

  it("introspection's 401 without an error body is the caller's authentication: not checked", () => {
    expect(verdicts('introspection', {}, res(401, undefined, { 'content-type': 'text/plain' }))).toEqual({});
  });

  it('registration errors use RFC 7591 codes; a DELETE answers 204', () => {
    expect(verdicts('registration', {}, res(400, { error: 'invalid_client_metadata' }))['error-code']).toBe('pass');
    expect(verdicts('registration', {}, res(400, { error: 'invalid_grant' }))['error-code']).toBe('fail');
    expect(verdicts('registration', { method: 'DELETE' }, res(204))).toEqual({ 'registration-status': 'pass' });
    expect(verdicts('registration', { method: 'DELETE' }, res(200))).toEqual({ 'registration-status': 'fail' });
  });

  it('the issuer a metadata URL was formed from: RFC 8414 inserts, OpenID Connect appends', () => {
    expect(issuerFor('https://as.example/.well-known/oauth-authorization-server/tenant1')).toBe(
      'https://as.example/tenant1',
    );
    expect(issuerFor('https://as.example/tenant1/.well-known/openid-configuration')).toBe('https://as.example/tenant1');
    expect(issuerFor('https://as.example/.well-known/openid-configuration')).toBe('https://as.example');
    expect(issuerFor('https://as.example/metadata')).toBeUndefined();
  });

  it('an authorization page (200) or a redirect to the login is the flow going on: no verdict', () => {
    const q = { method: 'GET', query: { response_type: 'code', state: 's1' } };
    expect(verdicts('authorization', q, res(200, undefined, { 'content-type': 'text/html' }))).toEqual({});
    expect(verdicts('authorization', q, { ...res(302), headers: { location: '/login?x=1' } })).toEqual({});
    expect(
      verdicts('authorization', q, { ...res(302), headers: { location: 'https://c.example/cb?code=a&state=s1' } }),
    ).toEqual({
      'authorization-state': 'pass',
    });
  });

  it('a protected resource is checked on 401 only', () => {
    expect(verdicts('protected-resource', { method: 'GET' }, res(403, {}))).toEqual({});
    const sent = { method: 'GET', headers: { authorization: 'Bearer t' } };
    expect(
      verdicts(
        'protected-resource',
        sent,
        res(401, {}, { 'www-authenticate': 'Bearer realm="r", error="invalid_token"' }),
      ),
    ).toEqual({ 'bearer-www-authenticate': 'pass', 'bearer-invalid-token': 'pass' });
  });

  it('level warn makes a MUST finding a warning; a switched-off rule passes with its reason and line', () => {
    const checks = standardsChecks({
      detection: { kind: 'revocation', why: 'test' },
      level: 'warn',
      off: [],
      request: { method: 'POST', path: '/revoke' },
      url: 'https://as.example/revoke',
      response: res(204),
    });
    expect(checks).toMatchObject([{ rule: 'revocation-status-200', passed: false, warning: true, actual: '204' }]);
    const off = standardsChecks({
      detection: { kind: 'revocation', why: 'test' },
      level: 'error',
      off: [{ rule: 'revocation-status-200', reason: 'the gateway answers 204', line: 6 }],
      request: { method: 'POST', path: '/revoke' },
      url: 'https://as.example/revoke',
      response: res(204),
    });
    expect(off).toMatchObject([
      { rule: 'revocation-status-200', passed: true, off: 'the gateway answers 204', line: 6 },
    ]);
  });
});
