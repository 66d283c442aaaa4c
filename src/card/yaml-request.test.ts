// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the blocks are YAML, where ${{ env.X }} is a placeholder
import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../core/card.js';
import { dotPath } from './yaml-block.js';
import { parseYamlRequest } from './yaml-request.js';

/** Every block below starts at line 10 of the card. */
const LINE = 10;
const FILE = 'cards/d.md';
const block = (...lines: string[]) => lines.join('\n');
const request = (r: Partial<RequestSpec>): RequestSpec => ({
  method: 'GET',
  path: '/',
  query: {},
  headers: {},
  followRedirects: false,
  placeholders: [],
  line: LINE,
  column: 1,
  ...r,
});
const parse = (...lines: string[]) => parseYamlRequest(block(...lines), LINE, FILE);
const rules = (r: ReturnType<typeof parse>) =>
  r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);

describe('parseYamlRequest', () => {
  it("reads D's request: url, headers and a JSON body, placeholders in the house form and located as written", () => {
    const r = parse(
      'method: POST',
      'url: /service-accounts/${{ vars.account_id }}/rotate-secret ',
      'headers:  ',
      '  Authorization: Bearer ${{ env.YOUHODLER_ADMIN_TOKEN }}',
      'json:  ',
      '  name: sre-d-avro',
      '  capabilities: [wallets:read]',
      '  limit: 60',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.saves).toEqual([]);
    expect(r.host).toBeUndefined();
    expect(r.request).toEqual(
      request({
        method: 'POST',
        path: '/service-accounts/{{resolved.account_id}}/rotate-secret',
        headers: { Authorization: 'Bearer {{env.YOUHODLER_ADMIN_TOKEN}}' },
        body: { name: 'sre-d-avro', capabilities: ['wallets:read'], limit: 60 },
        placeholders: [
          { expr: 'resolved.account_id', raw: '${{ vars.account_id }}', line: 11, column: 24 },
          { expr: 'env.YOUHODLER_ADMIN_TOKEN', raw: '${{ env.YOUHODLER_ADMIN_TOKEN }}', line: 13, column: 25 },
        ],
      }),
    );
  });

  it('reads a form body and Basic credentials from auth: basic:, placeholders in a quoted value too', () => {
    const r = parse(
      'method: post',
      'path: /oauth/token',
      'headers: { Idempotency-Key: "replay-${{ vars.account_id }}" }',
      'auth:  ',
      '  basic:  ',
      '    username: ${{ vars.client_id }}',
      '    password: ${{ vars.client_secret }}',
      'form:  ',
      '  grant_type: client_credentials',
      '  scope: wallets:read',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.request).toEqual(
      request({
        method: 'POST',
        path: '/oauth/token',
        headers: { 'Idempotency-Key': 'replay-{{resolved.account_id}}' },
        form: { grant_type: 'client_credentials', scope: 'wallets:read' },
        basic: { username: '{{resolved.client_id}}', password: '{{resolved.client_secret}}' },
        placeholders: [
          { expr: 'resolved.account_id', raw: '${{ vars.account_id }}', line: 12, column: 37 },
          { expr: 'resolved.client_id', raw: '${{ vars.client_id }}', line: 15, column: 15 },
          { expr: 'resolved.client_secret', raw: '${{ vars.client_secret }}', line: 16, column: 15 },
        ],
      }),
    );
  });

  it('takes the host off a full URL, its query into query, and keeps save: for the teardown', () => {
    const r = parse(
      'method: GET',
      'url: https://business-api.staging.youhodler.example/service-accounts?limit=5&q=a+b',
      'query: { page: 2 }',
      'save:',
      '  account_id: $.data[0].id',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.host).toBe('business-api.staging.youhodler.example');
    expect(r.request).toEqual(request({ path: '/service-accounts', query: { limit: '5', q: 'a b', page: '2' } }));
    expect(r.saves).toEqual([{ name: 'account_id', path: 'data[0].id', line: 14, column: 3 }]);
  });

  it('sends body: as a form under a form Content-Type, and auth: <profile> as the profile', () => {
    const r = parse(
      'method: POST',
      'url: /oauth/token',
      'auth: none',
      'headers: { Content-Type: application/x-www-form-urlencoded }',
      'body: { grant_type: client_credentials }',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.request?.form).toEqual({ grant_type: 'client_credentials' });
    expect(r.request?.body).toBeUndefined();
    expect(r.request?.auth).toBe('none');
  });

  it('refuses a body its Content-Type header contradicts (request-body-mismatch)', () => {
    const r = parse('method: POST', 'url: /x', 'headers: { Content-Type: application/json }', 'form: { a: 1 }');
    expect(rules(r)).toEqual([
      '13:1 request-body-mismatch the body is a form ("form:"), but the Content-Type header says application/json',
    ]);
    expect(r.diagnostics[0]?.hint).toBe(
      'Use json: for application/json, form: for application/x-www-form-urlencoded, or drop the Content-Type header.',
    );
    expect(r.request).toBeUndefined();
    const xml = parse('method: POST', 'url: /x', 'headers: { Content-Type: text/xml }', 'json: { a: 1 }');
    expect(rules(xml)).toEqual([
      '13:1 request-body-mismatch the body is JSON ("json:"), but the Content-Type header says text/xml',
    ]);
  });

  it('warns about an unknown key at the key, and refuses one that states an expectation', () => {
    const r = parse('method: POST', 'url: /oauth/token', 'repeat: 61', 'heders: {}', 'expected_status: 429');
    expect(rules(r)).toEqual([
      '12:1 unknown-key the request block has an unknown key "repeat"',
      '13:1 unknown-key the request block has an unknown key "heders"',
      '14:1 unreadable-expectation the request block has a key "expected_status" cardcheck does not read, so nothing would check it',
    ]);
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning', 'error']);
    expect(r.diagnostics[1]?.hint).toBe('Did you mean "headers"?');
    expect(r.request?.path).toBe('/oauth/token');
  });

  it('reports what leaves nothing to send, each at its place', () => {
    expect(rules(parse('url: /x'))).toEqual(['10:1 invalid-request the request block has no "method"']);
    expect(rules(parse('method: FETCH', 'url: /x'))).toEqual(['10:9 invalid-request "FETCH" is not an HTTP method']);
    expect(rules(parse('method: GET'))).toEqual(['10:1 missing-path the request block has no "url"']);
    expect(rules(parse('method: GET', 'url: service-accounts'))).toEqual([
      '11:6 missing-path "service-accounts" is neither a path starting with / nor an http(s) URL',
    ]);
    expect(rules(parse('method: GET', 'url: /x', 'headers:', '  Accept: [a, b]'))).toEqual([
      '13:11 invalid-request the header "Accept" must be a single value, not a map or a list',
    ]);
    expect(rules(parse('- method: GET'))).toEqual([
      '10:1 invalid-request the request block must be a map of method, url, headers and body',
    ]);
  });

  it('reports invalid YAML at its position, and never throws', () => {
    const r = parse('method: POST', 'url: /x', 'json: { a: 1');
    expect(rules(r)).toEqual([
      '12:13 invalid-yaml the request block is not valid YAML: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
    expect(parse('').diagnostics.map((d) => d.ruleId)).toEqual(['invalid-request']);
    expect(rules(parse('method: GET', 'method: POST', 'url: /x'))[0]).toMatch(/^11:1 invalid-yaml .*unique/);
  });
});

describe('dotPath', () => {
  it('turns a JSONPath into the house dot path', () => {
    expect(dotPath('$.a.b[0].c')).toBe('a.b[0].c');
    expect(dotPath('$')).toBe('');
    expect(dotPath("$['a-b'].c")).toBe('a-b.c');
    expect(dotPath('data.id')).toBe('data.id');
  });
  it('has no dot path for what one cannot say', () => {
    for (const p of ['$..id', '$.items[*].id', '$.items[?(@.a)]', '$.a[0:2]', 'a b', '$x'])
      expect(dotPath(p), p).toBe(undefined);
  });
});
