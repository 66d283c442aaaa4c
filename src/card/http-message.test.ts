import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { decodeSource } from '../core/source.js';
import type { HttpRequestParse, HttpResponseParse } from './http-message.js';
import { isHttpRequestBlock, isHttpResponseBlock, parseHttpRequest, parseHttpResponse } from './http-message.js';

const FILE = 'cards/treasury/token.md';
const lines = (...l: string[]) => l.join('\n');
const FORM = 'application/x-www-form-urlencoded';
const HOST = 'business-api.staging.youhodler.example';

const HINTS = {
  twice: 'A card sends one value per name; keep one.',
  target: 'Write e.g. POST /oauth/token HTTP/1.1 or POST https://api.example.com/oauth/token (spaces as %20).',
  header: 'Separate the headers from the body with a blank line.',
  form: 'Start the line with & (REST Client style), or write the form on one line.',
  type: 'cardcheck sends JSON and form bodies: use Content-Type: application/json or application/x-www-form-urlencoded.',
  split: 'Put each request in its own ```http block; the ones the card needs first go in its UID Resolution.',
  method: 'Start with e.g. POST /oauth/token HTTP/1.1; methods: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.',
};

/** An error diagnostic of the card file, as the parsers report them. */
const error = (ruleId: string, line: number, column: number, message: string, hint: string): Diagnostic => ({
  ruleId,
  severity: 'error',
  file: FILE,
  line,
  column,
  message,
  hint,
});

/** The RequestSpec fields every parsed request has, with the defaults of an HTTP message. */
const spec = (r: Partial<RequestSpec> & Pick<RequestSpec, 'method' | 'path' | 'line'>): RequestSpec => ({
  query: {},
  headers: {},
  followRedirects: false,
  placeholders: [],
  column: 1,
  ...r,
});

interface RequestCase {
  name: string;
  content: string;
  contentLine: number;
  expected: HttpRequestParse;
}

const requests: RequestCase[] = [
  {
    name: 'an OAuth token request with a form body split over & lines (REST Client), Host header',
    contentLine: 20,
    content: lines(
      'POST /oauth/token HTTP/1.1',
      `Host: ${HOST}`,
      `Content-Type: ${FORM}`,
      '',
      'grant_type=client_credentials',
      '&client_id={{resolved.client_id}}',
      '&client_secret={{resolved.client_secret}}',
      '&scope=wallets:read',
      '',
    ),
    expected: {
      request: spec({
        method: 'POST',
        path: '/oauth/token',
        headers: { 'Content-Type': FORM },
        form: {
          grant_type: 'client_credentials',
          client_id: '{{resolved.client_id}}',
          client_secret: '{{resolved.client_secret}}',
          scope: 'wallets:read',
        },
        placeholders: [
          { expr: 'resolved.client_id', raw: '{{resolved.client_id}}', line: 25, column: 12 },
          { expr: 'resolved.client_secret', raw: '{{resolved.client_secret}}', line: 26, column: 16 },
        ],
        line: 20,
      }),
      host: HOST,
      diagnostics: [],
    },
  },
  {
    name: 'a tab-indented JSON body with {{$processEnv X}}: rewritten to {{env.X}}, located where written',
    contentLine: 11,
    content: lines(
      'POST /oauth/token HTTP/1.1',
      `Host: ${HOST}`,
      'Content-Type: application/json',
      '',
      '{',
      '\t"client_id": "{{$processEnv YOUHODLER_CLIENT_ID}}",',
      '\t"client_secret": "{{$processEnv YOUHODLER_CLIENT_SECRET}}",',
      '\t"grant_type": "client_credentials"',
      '}',
    ),
    expected: {
      request: spec({
        method: 'POST',
        path: '/oauth/token',
        headers: { 'Content-Type': 'application/json' },
        body: {
          client_id: '{{env.YOUHODLER_CLIENT_ID}}',
          client_secret: '{{env.YOUHODLER_CLIENT_SECRET}}',
          grant_type: 'client_credentials',
        },
        placeholders: [
          { expr: 'env.YOUHODLER_CLIENT_ID', raw: '{{$processEnv YOUHODLER_CLIENT_ID}}', line: 16, column: 16 },
          { expr: 'env.YOUHODLER_CLIENT_SECRET', raw: '{{$processEnv YOUHODLER_CLIENT_SECRET}}', line: 17, column: 20 },
        ],
        line: 11,
      }),
      host: HOST,
      diagnostics: [],
    },
  },
  {
    name: '# @name before the request line, a Bearer header from {{$processEnv}}',
    contentLine: 12,
    content: lines(
      '# @name created',
      'POST /service-accounts HTTP/1.1',
      `Host: ${HOST}`,
      'Authorization: Bearer {{$processEnv YOUHODLER_ADMIN_TOKEN}}',
      'Content-Type: application/json',
      '',
      '{',
      '\t"name": "treasury-c-create"',
      '}',
    ),
    expected: {
      request: spec({
        method: 'POST',
        path: '/service-accounts',
        headers: { Authorization: 'Bearer {{env.YOUHODLER_ADMIN_TOKEN}}', 'Content-Type': 'application/json' },
        body: { name: 'treasury-c-create' },
        placeholders: [
          { expr: 'env.YOUHODLER_ADMIN_TOKEN', raw: '{{$processEnv YOUHODLER_ADMIN_TOKEN}}', line: 15, column: 23 },
        ],
        line: 13,
      }),
      host: HOST,
      diagnostics: [],
    },
  },
  {
    name: 'an absolute URL: path and query kept, the host returned apart',
    contentLine: 5,
    content: lines(
      'GET https://api.example.com/platform/v1/apps?status=active&owner={{resolved.owner_id}} HTTP/1.1',
      'Accept: application/json',
    ),
    expected: {
      request: spec({
        method: 'GET',
        path: '/platform/v1/apps',
        query: { status: 'active', owner: '{{resolved.owner_id}}' },
        headers: { Accept: 'application/json' },
        placeholders: [{ expr: 'resolved.owner_id', raw: '{{resolved.owner_id}}', line: 5, column: 66 }],
        line: 5,
      }),
      host: 'api.example.com',
      diagnostics: [],
    },
  },
  {
    name: 'a host written as a placeholder is returned rewritten, and is not a placeholder of the request',
    contentLine: 3,
    content: 'DELETE https://{{$processEnv API_HOST}}/apps/7',
    expected: {
      request: spec({ method: 'DELETE', path: '/apps/7', line: 3 }),
      host: '{{env.API_HOST}}',
      diagnostics: [],
    },
  },
  {
    name: 'REST Client query continuation lines (indented ?a=1 / &b=2) and {{$dotenv X}}',
    contentLine: 30,
    content: lines(
      'GET https://example.com/comments',
      '    ?page=2',
      '    &pageSize={{$dotenv PAGE_SIZE}}',
      'Accept: application/json',
    ),
    expected: {
      request: spec({
        method: 'GET',
        path: '/comments',
        query: { page: '2', pageSize: '{{env.PAGE_SIZE}}' },
        headers: { Accept: 'application/json' },
        placeholders: [{ expr: 'env.PAGE_SIZE', raw: '{{$dotenv PAGE_SIZE}}', line: 32, column: 15 }],
        line: 30,
      }),
      host: 'example.com',
      diagnostics: [],
    },
  },
  {
    name: 'query values are percent-decoded (+ is a space), a name alone is empty, a placeholder with a space is one value',
    contentLine: 1,
    content: 'GET /search?q=caf%C3%A9+latte&empty&tag=a%2Bb&key={{$processEnv SEARCH_KEY}} HTTP/1.1',
    expected: {
      request: spec({
        method: 'GET',
        path: '/search',
        query: { q: 'café latte', empty: '', tag: 'a+b', key: '{{env.SEARCH_KEY}}' },
        placeholders: [{ expr: 'env.SEARCH_KEY', raw: '{{$processEnv SEARCH_KEY}}', line: 1, column: 51 }],
        line: 1,
      }),
      diagnostics: [],
    },
  },
  {
    name: '### title, // and # comments before the request line; a closing ### with nothing after it',
    contentLine: 1,
    content: lines(
      '### Get the service account',
      '// the id comes from the create step',
      '# @name account',
      'GET /service-accounts/{{resolved.id}} HTTP/1.1',
      '',
      '###',
      '',
    ),
    expected: {
      request: spec({
        method: 'GET',
        path: '/service-accounts/{{resolved.id}}',
        placeholders: [{ expr: 'resolved.id', raw: '{{resolved.id}}', line: 4, column: 23 }],
        line: 4,
      }),
      diagnostics: [],
    },
  },
  {
    name: 'Host: with an origin-relative target gives the host; neither Host nor Content-Length is sent',
    contentLine: 8,
    content: lines(
      'POST /v1/payouts HTTP/1.1',
      'Host: api.treasury.example:8443',
      'Content-Type: application/json',
      'Content-Length: 13',
      '',
      '{"amount": 5}',
    ),
    expected: {
      request: spec({
        method: 'POST',
        path: '/v1/payouts',
        headers: { 'Content-Type': 'application/json' },
        body: { amount: 5 },
        line: 8,
      }),
      host: 'api.treasury.example:8443',
      diagnostics: [],
    },
  },
  {
    name: 'an absolute target decides the host over a Host: header',
    contentLine: 2,
    content: lines('GET https://a.example/x', 'Host: b.example'),
    expected: {
      request: spec({ method: 'GET', path: '/x', line: 2 }),
      host: 'a.example',
      diagnostics: [],
    },
  },
  {
    name: 'Authorization: Basic <base64> stays a header; a repeated header is joined with ", " (Cookie with "; ")',
    contentLine: 4,
    content: lines(
      'GET /me',
      'Authorization: Basic dXNlcjpwYXNz',
      'Accept: application/json',
      'Cookie: a=1',
      'accept: text/plain',
      'cookie: b=2',
    ),
    expected: {
      request: spec({
        method: 'GET',
        path: '/me',
        headers: { Authorization: 'Basic dXNlcjpwYXNz', Accept: 'application/json, text/plain', Cookie: 'a=1; b=2' },
        line: 4,
      }),
      diagnostics: [],
    },
  },
  {
    name: 'a lower-case method and a +json Content-Type (any case) give a JSON body',
    contentLine: 6,
    content: lines('  patch /apps/1', 'content-type: Application/Merge-Patch+JSON', '', '{"name": null}'),
    expected: {
      request: spec({
        method: 'PATCH',
        path: '/apps/1',
        headers: { 'content-type': 'Application/Merge-Patch+JSON' },
        body: { name: null },
        line: 6,
        column: 3,
      }),
      diagnostics: [],
    },
  },
  {
    name: 'house {{…}} and <<…>> are kept; JetBrains {{$env.X}} and indirect {{$processEnv %X}} are not rewritten',
    contentLine: 9,
    content: lines(
      'GET /trace/{{ resolved.id }}',
      'X-Trace: <<TRACE_ID>>',
      'X-Env: {{$env.HOME}}',
      'X-Key: {{$processEnv %API_KEY}}',
    ),
    expected: {
      request: spec({
        method: 'GET',
        path: '/trace/{{ resolved.id }}',
        headers: { 'X-Trace': '<<TRACE_ID>>', 'X-Env': '{{$env.HOME}}', 'X-Key': '{{$processEnv %API_KEY}}' },
        placeholders: [
          { expr: 'resolved.id', raw: '{{ resolved.id }}', line: 9, column: 12 },
          { expr: 'TRACE_ID', raw: '<<TRACE_ID>>', line: 10, column: 10 },
          { expr: '$env.HOME', raw: '{{$env.HOME}}', line: 11, column: 8 },
          { expr: '$processEnv %API_KEY', raw: '{{$processEnv %API_KEY}}', line: 12, column: 8 },
        ],
        line: 9,
      }),
      diagnostics: [],
    },
  },
];

interface ErrorCase {
  name: string;
  content: string;
  /** The request read despite the errors (undefined: none), and the host named. */
  request?: Parameters<typeof spec>[0];
  host?: string;
  diagnostics: Diagnostic[];
}

/** Every error case starts at file line 40. */
const errors: ErrorCase[] = [
  {
    name: 'two requests separated by ###: the first is read, the second reported at its request line',
    content: lines(
      '# @name account',
      'POST /service-accounts HTTP/1.1',
      `Host: ${HOST}`,
      'Content-Type: application/json',
      '',
      '{',
      '\t"name": "treasury-c-disabled"',
      '}',
      '',
      '###',
      '',
      'POST /service-accounts/{{account.response.body.$.id}}/disable HTTP/1.1',
      `Host: ${HOST}`,
    ),
    request: {
      method: 'POST',
      path: '/service-accounts',
      headers: { 'Content-Type': 'application/json' },
      body: { name: 'treasury-c-disabled' },
      line: 41,
    },
    host: HOST,
    diagnostics: [
      error('unreadable-request', 51, 1, 'the block holds more than one request (### separates them)', HINTS.split),
    ],
  },
  {
    name: 'no blank line before the body: the first line that is not a header is reported',
    content: lines('POST /apps', 'Content-Type: application/json', '{"name": "x",', '"code": "y"}'),
    request: { method: 'POST', path: '/apps', headers: { 'Content-Type': 'application/json' }, line: 40 },
    diagnostics: [
      error('unreadable-request', 42, 1, '"{"name": "x"," is not a header line (Name: value)', HINTS.header),
    ],
  },
  {
    name: 'an indented header line without a colon',
    content: lines('GET /apps', '  X-Debug'),
    request: { method: 'GET', path: '/apps', line: 40 },
    diagnostics: [error('unreadable-request', 41, 3, '"X-Debug" is not a header line (Name: value)', HINTS.header)],
  },
  {
    name: 'invalid JSON in a tab-indented body: invalid-json at its line and column in the file',
    content: lines('POST /apps', 'Content-Type: application/json', '', '{', '\t"name": "x",', '}'),
    request: { method: 'POST', path: '/apps', headers: { 'Content-Type': 'application/json' }, line: 40 },
    diagnostics: [
      error(
        'invalid-json',
        44,
        13,
        'the request body is not valid JSON: trailing comma before a closing bracket',
        'Fix the JSON at this position; JSON allows no trailing commas, comments or single quotes.',
      ),
    ],
  },
  {
    name: 'a JSON body without Content-Type',
    content: lines('POST /apps', '', '  {"name": "x"}'),
    request: { method: 'POST', path: '/apps', line: 40 },
    diagnostics: [
      error(
        'request-body-mismatch',
        42,
        3,
        'the request body looks like JSON but the request has no Content-Type',
        'Add Content-Type: application/json.',
      ),
    ],
  },
  {
    name: 'a form body without Content-Type',
    content: lines('POST /oauth/token', '', 'grant_type=client_credentials', '&scope=openid'),
    request: { method: 'POST', path: '/oauth/token', line: 40 },
    diagnostics: [
      error(
        'request-body-mismatch',
        42,
        1,
        'the request body looks like a form but the request has no Content-Type',
        `Add Content-Type: ${FORM}.`,
      ),
    ],
  },
  {
    name: 'any other body without Content-Type',
    content: lines('POST /notes', '', 'hello'),
    request: { method: 'POST', path: '/notes', line: 40 },
    diagnostics: [
      error(
        'request-body-mismatch',
        42,
        1,
        'the request has a body but no Content-Type, so cardcheck cannot tell how to send it',
        HINTS.type,
      ),
    ],
  },
  {
    name: 'a Content-Type cardcheck does not send, reported at its value',
    content: lines('POST /notes', 'Content-Type: application/xml', '', '<note/>'),
    request: { method: 'POST', path: '/notes', headers: { 'Content-Type': 'application/xml' }, line: 40 },
    diagnostics: [
      error(
        'unreadable-request',
        41,
        15,
        'the request body is application/xml, which cardcheck does not send',
        HINTS.type,
      ),
    ],
  },
  {
    name: 'a form body line that does not start with &',
    content: lines('POST /oauth/token', `Content-Type: ${FORM}`, '', 'grant_type=client_credentials', 'client_id=abc'),
    request: { method: 'POST', path: '/oauth/token', headers: { 'Content-Type': FORM }, line: 40 },
    diagnostics: [
      error('unreadable-request', 44, 1, 'A form body continues only on lines starting with &', HINTS.form),
    ],
  },
  {
    name: 'REST Client named-request references, kept as written and located',
    content: lines(
      'POST /oauth/token HTTP/1.1',
      `Host: ${HOST}`,
      `Content-Type: ${FORM}`,
      '',
      'grant_type=client_credentials',
      '&client_id={{account.response.body.$.client_id}}',
      '&client_secret={{account.response.body.$.client_secret}}',
      '&scope=wallets:read',
    ),
    request: {
      method: 'POST',
      path: '/oauth/token',
      headers: { 'Content-Type': FORM },
      form: {
        grant_type: 'client_credentials',
        client_id: '{{account.response.body.$.client_id}}',
        client_secret: '{{account.response.body.$.client_secret}}',
        scope: 'wallets:read',
      },
      placeholders: [
        {
          expr: 'account.response.body.$.client_id',
          raw: '{{account.response.body.$.client_id}}',
          line: 45,
          column: 12,
        },
        {
          expr: 'account.response.body.$.client_secret',
          raw: '{{account.response.body.$.client_secret}}',
          line: 46,
          column: 16,
        },
      ],
      line: 40,
    },
    host: HOST,
    // Read as written; card/steps-to-fields.ts resolves them against the Setup section's named requests.
    diagnostics: [],
  },
  {
    name: 'a method cardcheck does not send',
    content: 'FETCH /apps HTTP/1.1',
    diagnostics: [error('unreadable-request', 40, 1, '"FETCH" is not an HTTP method cardcheck sends', HINTS.method)],
  },
  {
    name: 'only comments: no request line',
    content: lines('# @name later', '// to be written'),
    diagnostics: [error('unreadable-request', 40, 1, 'the block has no request line', HINTS.method)],
  },
  {
    name: 'a request line with a method and nothing else',
    content: lines('', 'GET'),
    diagnostics: [error('unreadable-request', 41, 1, '"GET" is not a request line', HINTS.method)],
  },
  {
    name: 'a target that is neither a path nor an http(s) URL, reported at the target',
    content: 'GET api.example.com/apps HTTP/1.1',
    diagnostics: [
      error(
        'unreadable-request',
        40,
        5,
        'the request target "api.example.com/apps" is neither a path starting with / nor an http(s) URL',
        HINTS.target,
      ),
    ],
  },
  {
    name: 'a space in the target (outside placeholders), reported at the space',
    content: 'GET /apps/my app?token={{$processEnv T}} HTTP/1.1',
    diagnostics: [
      error(
        'unreadable-request',
        40,
        13,
        'the request target "/apps/my app?token={{$processEnv T}}" has a space in it',
        HINTS.target,
      ),
    ],
  },
  {
    name: 'a query parameter given twice',
    content: 'GET /apps?tag=a&tag=b&Tag=c',
    request: { method: 'GET', path: '/apps', query: { tag: 'a', Tag: 'c' }, line: 40 },
    diagnostics: [error('unreadable-request', 40, 17, 'Query parameter "tag" is given twice', HINTS.twice)],
  },
  {
    name: 'a form field given twice',
    content: lines('POST /oauth/token', `Content-Type: ${FORM}`, '', 'scope=a', '&scope=b'),
    request: {
      method: 'POST',
      path: '/oauth/token',
      headers: { 'Content-Type': FORM },
      form: { scope: 'a' },
      line: 40,
    },
    diagnostics: [error('unreadable-request', 44, 2, 'Form field "scope" is given twice', HINTS.twice)],
  },
];

describe('parseHttpRequest', () => {
  it.each(requests)('$name', ({ content, contentLine, expected }) => {
    expect(parseHttpRequest(content, contentLine, FILE)).toEqual(expected);
  });

  it.each(errors)('$name', ({ content, request, host, diagnostics }) => {
    const parsed = parseHttpRequest(content, 40, FILE);
    expect(parsed.diagnostics).toEqual(diagnostics);
    expect(parsed).toEqual({ request: request && spec(request), host, diagnostics });
    if (request && !request.body) expect(parsed.request).not.toHaveProperty('body');
    if (request && !request.form) expect(parsed.request).not.toHaveProperty('form');
  });

  it('shares one frozen empty object for no query and no headers, as request-spec.ts does', () => {
    const a = parseHttpRequest('GET /a', 1, FILE).request;
    const b = parseHttpRequest('DELETE /b HTTP/1.1', 1, FILE).request;
    expect(Object.isFrozen(a?.query)).toBe(true);
    expect(a?.query).toBe(b?.headers);
    expect(a?.headers).toBe(b?.query);
  });
});

describe('isHttpRequestBlock', () => {
  it.each([
    ['http', lines('# @name account', 'POST /service-accounts HTTP/1.1'), true],
    ['http', lines('### Create', '// note', 'get https://api.example.com/x'), true],
    ['rest', 'PUT /x', true],
    ['http', 'HTTP/1.1 200 OK', false],
    ['http', 'FETCH /x', false],
    ['', lines('', 'GET /apps?x=1 HTTP/1.1'), true],
    ['', 'POST https://api.example.com/apps', true],
    ['', 'get /apps', false],
    ['', lines('# @name x', 'GET /apps'), false],
    ['', 'GET /apps returns every app', false],
    ['', 'curl -X GET https://api.example.com/apps', false],
    ['json', 'GET /apps', false],
  ])('%s fence %j → %s', (lang, content, expected) => {
    expect(isHttpRequestBlock(lang, content)).toBe(expected);
  });
});

describe('isHttpResponseBlock', () => {
  it.each([
    ['http', 'HTTP/1.1 201 Created', true],
    ['', lines('', 'HTTP/2 200'), true],
    ['http', 'HTTP/1.1 OK', false],
    ['http', 'POST /x HTTP/1.1', false],
    ['json', 'HTTP/1.1 200 OK', false],
  ])('%s fence %j → %s', (lang, content, expected) => {
    expect(isHttpResponseBlock(lang, content)).toBe(expected);
  });
});

const CREATED = lines(
  'HTTP/1.1 201 Created',
  'Content-Type: application/json; charset=utf-8',
  '',
  '{',
  '\t"name": "treasury-c-create",',
  '\t"capabilities": ["wallets:read"],',
  '\t"status": "active",',
  '\t"token_rate_limit_per_minute": null',
  '}',
);

const responses: { name: string; content: string; expected: HttpResponseParse }[] = [
  {
    name: 'HTTP/1.1 201 Created, a JSON Content-Type with charset, a tab-indented body',
    content: CREATED,
    expected: {
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: {
        name: 'treasury-c-create',
        capabilities: ['wallets:read'],
        status: 'active',
        token_rate_limit_per_minute: null,
      },
      bodyText: CREATED.split('\n').slice(3).join('\n'),
      line: 40,
      headerLines: { 'content-type': 41 },
      bodyLine: 43,
      diagnostics: [],
    },
  },
  {
    name: 'HTTP/2 200 after a blank line, no headers, no body',
    content: lines('', 'HTTP/2 200', ''),
    expected: { status: 200, headers: {}, line: 41, headerLines: {}, diagnostics: [] },
  },
  {
    name: 'a body that is not JSON, with a text Content-Type: bodyText only; repeated headers joined',
    content: lines('HTTP/1.1 200 OK', 'Content-Type: text/plain', 'Vary: Accept', 'vary: Origin', '', 'OK', ''),
    expected: {
      status: 200,
      headers: { 'content-type': 'text/plain', vary: 'Accept, Origin' },
      bodyText: 'OK',
      line: 40,
      headerLines: { 'content-type': 41, vary: 42 },
      bodyLine: 45,
      diagnostics: [],
    },
  },
  {
    name: 'a JSON body without Content-Type is read as JSON',
    content: lines('HTTP/1.1 422 Unprocessable Entity', '', '{"code": "not_admissible"}'),
    expected: {
      status: 422,
      headers: {},
      body: { code: 'not_admissible' },
      bodyText: '{"code": "not_admissible"}',
      line: 40,
      headerLines: {},
      bodyLine: 42,
      diagnostics: [],
    },
  },
  {
    name: 'invalid JSON under a JSON Content-Type: invalid-json where it breaks',
    content: lines('HTTP/1.1 200 OK', 'Content-Type: application/json', '', '{', '\t"a": 1,', '}'),
    expected: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      bodyText: '{\n\t"a": 1,\n}',
      line: 40,
      headerLines: { 'content-type': 41 },
      bodyLine: 43,
      diagnostics: [
        error(
          'invalid-json',
          44,
          8,
          'the response body is not valid JSON: trailing comma before a closing bracket',
          'Fix the JSON at this position; JSON allows no trailing commas, comments or single quotes.',
        ),
      ],
    },
  },
  {
    name: 'no status line',
    content: lines('200 OK', '', '{}'),
    expected: {
      headers: {},
      line: 40,
      headerLines: {},
      diagnostics: [
        error(
          'unreadable-expectation',
          40,
          1,
          'the response block has no status line',
          'Start it with e.g. HTTP/1.1 200 OK.',
        ),
      ],
    },
  },
  {
    name: 'a header line without a colon',
    content: lines('HTTP/1.1 200 OK', 'Cache-Control: no-store', 'no-cache'),
    expected: {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      line: 40,
      headerLines: { 'cache-control': 41 },
      diagnostics: [
        error('unreadable-expectation', 42, 1, '"no-cache" is not a header line (Name: value)', HINTS.header),
      ],
    },
  },
];

describe('parseHttpResponse', () => {
  it.each(responses)('$name', ({ content, expected }) => {
    expect(parseHttpResponse(content, 40, FILE)).toEqual(expected);
  });
});

describe('CRLF files, normalised by the caller', () => {
  it('read the same as LF', () => {
    const request = requests[1]?.content ?? '';
    const crlf = (text: string) => decodeSource(Buffer.from(text.replaceAll('\n', '\r\n'))).text;
    expect(parseHttpRequest(crlf(request), 11, FILE)).toEqual(parseHttpRequest(request, 11, FILE));
    expect(parseHttpRequest(crlf(request), 11, FILE).diagnostics).toEqual([]);
    expect(parseHttpResponse(crlf(CREATED), 40, FILE)).toEqual(parseHttpResponse(CREATED, 40, FILE));
  });
});

describe('the treasury team http cards (CRLF, tabs, ###, # @name, {{$processEnv}})', () => {
  const dir = 'fixtures/cards/dialects/c-treasury-http';
  const fences = readdirSync(dir).flatMap((name) => {
    const text = decodeSource(readFileSync(`${dir}/${name}`)).text;
    return [...text.matchAll(/^```http\n([\s\S]*?)\n```$/gm)].map((m) => ({
      name,
      content: m[1] ?? '',
      contentLine: text.slice(0, m.index).split('\n').length + 1,
    }));
  });

  it('every http fence is a request or a response, read with only the rules this reader reports', () => {
    expect(fences.length).toBeGreaterThan(30);
    for (const f of fences) {
      const isRequest = isHttpRequestBlock('http', f.content);
      expect(isRequest, f.name).not.toBe(isHttpResponseBlock('http', f.content));
      if (isRequest) {
        const { request, host, diagnostics } = parseHttpRequest(f.content, f.contentLine, f.name);
        expect(request?.line, f.name).toBeGreaterThanOrEqual(f.contentLine);
        expect(host).toBe(HOST);
        for (const d of diagnostics) expect(d.ruleId).toBe('unreadable-request');
      } else {
        const { status, diagnostics } = parseHttpResponse(f.content, f.contentLine, f.name);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(diagnostics).toEqual([]);
      }
    }
  });
});

describe('never throws', () => {
  const pieces = ['GET', 'POST', ' ', '\t', '\n', '/a', '?', '&', '=', ':', '#', '###', '//', '{', '}', '"', ',', 'x'];
  const more = ['{{$processEnv X}}', '{{a.response.body.$.b}}', '<<T>>', 'HTTP/1.1', '200', 'Content-Type', '%', '+'];
  const text = fc.array(fc.constantFrom(...pieces, ...more, FORM, 'application/json'), { maxLength: 40 });
  it('on any mix of HTTP message pieces, with every diagnostic inside the block', () => {
    fc.assert(
      fc.property(text, (parts) => {
        const content = parts.join('');
        const last = 7 + content.split('\n').length - 1;
        for (const parsed of [parseHttpRequest(content, 7, FILE), parseHttpResponse(content, 7, FILE)])
          for (const d of parsed.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(7);
            expect(d.line).toBeLessThanOrEqual(last);
            expect(d.column).toBeGreaterThanOrEqual(1);
          }
        isHttpRequestBlock('http', content);
        isHttpResponseBlock('', content);
      }),
      { numRuns: 500 },
    );
  });
});
