// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the blocks are shell text, where ${NAME} is a variable
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestSpec } from '../core/card.js';
import { isCurlBlock, parseCurlRequest } from './curl-request.js';

/** Every block below starts at line 10 of the card. */
const LINE = 10;
const FILE = 'cards/curl.md';
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
const env = (name: string, raw: string, line: number, column: number) => ({ expr: `env.${name}`, raw, line, column });

interface Readable {
  name: string;
  text: string;
  host?: string;
  request: RequestSpec;
}

const READABLE: Readable[] = [
  {
    name: 'GitHub: GET with -L, headers, a token variable and a quoted query',
    text: block(
      'curl -L \\',
      '  -H "Accept: application/vnd.github+json" \\',
      '  -H "Authorization: Bearer $GITHUB_TOKEN" \\',
      '  -H "X-GitHub-Api-Version: 2022-11-28" \\',
      '  "https://api.github.com/repos/OWNER/REPO/issues?state=open&per_page=100"',
    ),
    host: 'api.github.com',
    request: request({
      path: '/repos/OWNER/REPO/issues',
      query: { state: 'open', per_page: '100' },
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: 'Bearer {{env.GITHUB_TOKEN}}',
        'X-GitHub-Api-Version': '2022-11-28',
      },
      followRedirects: true,
      placeholders: [env('GITHUB_TOKEN', '$GITHUB_TOKEN', 12, 29)],
    }),
  },
  {
    name: "GitHub: POST with a Content-Type, and '\\'' inside a single-quoted JSON body",
    text: block(
      'curl -L \\',
      '  -X POST \\',
      '  -H "Accept: application/vnd.github+json" \\',
      '  -H "Authorization: Bearer <YOUR-TOKEN>" \\',
      '  -H "Content-Type: application/json" \\',
      '  https://api.github.com/repos/OWNER/REPO/issues \\',
      `  -d '{"title":"Found a bug","body":"I'\\''m having a problem with this.","labels":["bug"]}'`,
    ),
    host: 'api.github.com',
    request: request({
      method: 'POST',
      path: '/repos/OWNER/REPO/issues',
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: 'Bearer <YOUR-TOKEN>',
        'Content-Type': 'application/json',
      },
      body: { title: 'Found a bug', body: "I'm having a problem with this.", labels: ['bug'] },
      followRedirects: true,
    }),
  },
  {
    name: 'Stripe: -u key: with an empty password, form fields, --data-urlencode keeps + as written',
    text: block(
      'curl https://api.stripe.com/v1/customers \\',
      '  -u "$STRIPE_SECRET_KEY:" \\',
      '  -d name="Jenny Rosen" \\',
      '  -d "metadata[order_id]"=6735 \\',
      '  -d description=VIP+customer \\',
      '  --data-urlencode email="jenny+test@example.com"',
    ),
    host: 'api.stripe.com',
    request: request({
      method: 'POST',
      path: '/v1/customers',
      form: {
        name: 'Jenny Rosen',
        'metadata[order_id]': '6735',
        description: 'VIP customer',
        email: 'jenny+test@example.com',
      },
      basic: { username: '{{env.STRIPE_SECRET_KEY}}', password: '' },
      placeholders: [env('STRIPE_SECRET_KEY', '$STRIPE_SECRET_KEY', 11, 7)],
    }),
  },
  {
    name: 'Stripe: -G moves the data into the query and keeps GET',
    text: block(
      'curl -G https://api.stripe.com/v1/charges \\',
      '  -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: \\',
      '  -d limit=3 \\',
      '  -d "created[gte]"=1700000000',
    ),
    host: 'api.stripe.com',
    request: request({
      path: '/v1/charges',
      query: { limit: '3', 'created[gte]': '1700000000' },
      basic: { username: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', password: '' },
    }),
  },
  {
    name: 'Rocket.Chat: ${VAR} and $VAR headers, Content-type in any case, JSON over several continued lines',
    text: block(
      'curl -X POST "https://chat.staging.example.com/api/v1/oauth-apps.create" \\',
      '  -H "X-Auth-Token: ${ROCKETCHAT_AUTH_TOKEN}" \\',
      '  -H "X-User-Id: $ROCKETCHAT_USER_ID" \\',
      '  -H "Content-type: application/json" \\',
      "  -d '{",
      '    "name": "chatops-b-{{timestamp}}",',
      '    "redirectUri": "https://testuri.com",',
      '    "active": true',
      "  }'",
    ),
    host: 'chat.staging.example.com',
    request: request({
      method: 'POST',
      path: '/api/v1/oauth-apps.create',
      headers: {
        'X-Auth-Token': '{{env.ROCKETCHAT_AUTH_TOKEN}}',
        'X-User-Id': '{{env.ROCKETCHAT_USER_ID}}',
        'Content-type': 'application/json',
      },
      body: { name: 'chatops-b-{{timestamp}}', redirectUri: 'https://testuri.com', active: true },
      placeholders: [
        env('ROCKETCHAT_AUTH_TOKEN', '${ROCKETCHAT_AUTH_TOKEN}', 11, 21),
        env('ROCKETCHAT_USER_ID', '$ROCKETCHAT_USER_ID', 12, 18),
        { expr: 'timestamp', raw: '{{timestamp}}', line: 15, column: 24 },
      ],
    }),
  },
  {
    name: 'Rocket.Chat: a double-quoted JSON body with \\" escapes and a variable',
    text: block(
      'curl -X POST "https://chat.staging.example.com/api/v1/oauth-apps.delete" \\',
      '  -H "Content-type: application/json" \\',
      '  -d "{\\"appId\\": \\"$APP_ID\\", \\"path\\": \\"C:\\\\\\\\apps\\"}"',
    ),
    host: 'chat.staging.example.com',
    request: request({
      method: 'POST',
      path: '/api/v1/oauth-apps.delete',
      headers: { 'Content-type': 'application/json' },
      body: { appId: '{{env.APP_ID}}', path: 'C:\\apps' },
      placeholders: [env('APP_ID', '$APP_ID', 12, 21)],
    }),
  },
  {
    name: 'OAuth client credentials: -u id:secret from variables, -d grant_type, a colon in a form value',
    text: block(
      'curl -X POST https://auth.example.com/oauth/token \\',
      '  -u "${CLIENT_ID}:${CLIENT_SECRET}" \\',
      '  -d grant_type=client_credentials \\',
      '  -d scope=apps:read',
    ),
    host: 'auth.example.com',
    request: request({
      method: 'POST',
      path: '/oauth/token',
      form: { grant_type: 'client_credentials', scope: 'apps:read' },
      basic: { username: '{{env.CLIENT_ID}}', password: '{{env.CLIENT_SECRET}}' },
      placeholders: [env('CLIENT_ID', '${CLIENT_ID}', 11, 7), env('CLIENT_SECRET', '${CLIENT_SECRET}', 11, 20)],
    }),
  },
  {
    name: 'OAuth code exchange: console prompt, comment, -sS, form Content-Type, --data-urlencode; output ignored',
    text: block(
      '# Exchange the code for tokens',
      '$ curl -sS -X POST "https://auth.example.com/oauth/token" \\',
      "    -H 'Content-Type: application/x-www-form-urlencoded' \\",
      "    --data-urlencode 'redirect_uri=https://app.example.com/cb?tenant=a&x=1' \\",
      '    --data-urlencode "code={{resolved.code}}" \\',
      '    -d grant_type=authorization_code',
      '{"access_token":"eyJ…","token_type":"Bearer"}',
    ),
    host: 'auth.example.com',
    request: request({
      method: 'POST',
      path: '/oauth/token',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      form: {
        redirect_uri: 'https://app.example.com/cb?tenant=a&x=1',
        code: '{{resolved.code}}',
        grant_type: 'authorization_code',
      },
      placeholders: [{ expr: 'resolved.code', raw: '{{resolved.code}}', line: 14, column: 28 }],
      line: 11,
      column: 3,
    }),
  },
  {
    name: '--json sets Content-Type and Accept; <<…>> placeholders kept; a trailing | jq is ignored',
    text: block(
      `curl --json '{"client_id": "<<app.data.client_id>>", "active": true}' \\`,
      "  https://api.example.com/v1/apps/<<app.data.id>>/activate | jq '.status | ascii_downcase'",
    ),
    host: 'api.example.com',
    request: request({
      method: 'POST',
      path: '/v1/apps/<<app.data.id>>/activate',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: { client_id: '<<app.data.client_id>>', active: true },
      placeholders: [
        { expr: 'app.data.client_id', raw: '<<app.data.client_id>>', line: 10, column: 29 },
        { expr: 'app.data.id', raw: '<<app.data.id>>', line: 11, column: 35 },
      ],
    }),
  },
  {
    name: "origin-relative --url, --location, $'…' quoting, a decoded query, --data-raw does not read files",
    text: block(
      "curl --location --url '/v1/notes?tag=a%20b&empty' \\",
      "  -H $'X-Note: It\\'s here' \\",
      "  --data-raw '@not-a-file'",
    ),
    request: request({
      method: 'POST',
      path: '/v1/notes',
      query: { tag: 'a b', empty: '' },
      headers: { 'X-Note': "It's here" },
      form: { '@not-a-file': '' },
      followRedirects: true,
    }),
  },
  {
    name: '-XPUT attached, a port, ${VAR} in the path, colons in header values, a +json type with charset',
    text: block(
      'curl -XPUT https://api.example.com:8443/v1/webhooks/${WEBHOOK_ID} \\',
      "  -H 'X-Callback-Url: https://hooks.example.com:9000/in?x=1' \\",
      '  -H "Content-Type: application/merge-patch+json; charset=utf-8" \\',
      `  -d '{"url": "https://hooks.example.com:9000/in"}'`,
    ),
    host: 'api.example.com:8443',
    request: request({
      method: 'PUT',
      path: '/v1/webhooks/{{env.WEBHOOK_ID}}',
      headers: {
        'X-Callback-Url': 'https://hooks.example.com:9000/in?x=1',
        'Content-Type': 'application/merge-patch+json; charset=utf-8',
      },
      body: { url: 'https://hooks.example.com:9000/in' },
      placeholders: [env('WEBHOOK_ID', '${WEBHOOK_ID}', 10, 53)],
    }),
  },
  {
    name: 'quoting: double, single and escaped pieces in one word, an escaped space, an empty quote',
    text: block(
      `curl "https://api.example.com/v1/search?q=it's"'+"here"'\\&sort=-created \\`,
      '  -H X-Mode:\\ strict"" \\',
      "  -H 'X-Literal: $HOME {{kept}}'",
    ),
    host: 'api.example.com',
    request: request({
      path: '/v1/search',
      query: { q: `it's "here"`, sort: '-created' },
      headers: { 'X-Mode': 'strict', 'X-Literal': '$HOME {{kept}}' },
      placeholders: [{ expr: 'kept', raw: '{{kept}}', line: 12, column: 24 }],
    }),
  },
  {
    name: 'comments and blank lines around it, blanks after a \\ forgiven, a lowercase method, -i and -v ignored',
    text: block(
      '# Delete the app',
      '',
      'curl -X delete https://api.example.com/v1/apps/42 \\   ',
      '  -i -v \\',
      "  -H 'Accept: application/json'   # JSON please",
      '',
      '# expect 204',
    ),
    host: 'api.example.com',
    request: request({
      method: 'DELETE',
      path: '/v1/apps/42',
      headers: { Accept: 'application/json' },
      line: 12,
    }),
  },
  {
    name: 'a host-only URL is the path /; -sSL grouped, -f and --compressed ignored',
    text: 'curl -sSL -f --compressed https://api.example.com',
    host: 'api.example.com',
    request: request({ followRedirects: true }),
  },
  {
    name: 'columns count the characters of the line (an accented letter before a variable)',
    text: 'curl https://x.example/a -H "X-Name: Zoë $USER_NAME"',
    host: 'x.example',
    request: request({
      path: '/a',
      headers: { 'X-Name': 'Zoë {{env.USER_NAME}}' },
      placeholders: [env('USER_NAME', '$USER_NAME', 10, 42)],
    }),
  },
  {
    name: 'Stripe search: -G with --data-urlencode, quotes inside the value kept',
    text: block(
      'curl -G https://api.stripe.com/v1/customers/search \\',
      '  -u "$STRIPE_SECRET_KEY:" \\',
      `  --data-urlencode query="name:'fakename' AND metadata['foo']:'bar'"`,
    ),
    host: 'api.stripe.com',
    request: request({
      path: '/v1/customers/search',
      query: { query: "name:'fakename' AND metadata['foo']:'bar'" },
      basic: { username: '{{env.STRIPE_SECRET_KEY}}', password: '' },
      placeholders: [env('STRIPE_SECRET_KEY', '$STRIPE_SECRET_KEY', 11, 7)],
    }),
  },
  {
    name: 'a host from a variable stays in host (not among the placeholders); an encoded query, a fragment dropped',
    text: block(
      'curl -s "$ROCKETCHAT_URL/api/v1/me?fields=%7B%22name%22%3A1%7D#top" \\',
      '  -H "X-Auth-Token: $TOKEN"',
    ),
    host: '{{env.ROCKETCHAT_URL}}',
    request: request({
      path: '/api/v1/me',
      query: { fields: '{"name":1}' },
      headers: { 'X-Auth-Token': '{{env.TOKEN}}' },
      placeholders: [env('TOKEN', '$TOKEN', 11, 21)],
    }),
  },
];

describe('parseCurlRequest: requests', () => {
  it.each(READABLE)('$name', ({ text, host, request: expected }) => {
    const parsed = parseCurlRequest(text, LINE, FILE);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.request).toStrictEqual(expected);
    expect(parsed.host).toBe(host);
  });

  it('shares one frozen empty object for no query and no headers', () => {
    const a = parseCurlRequest('curl https://x.example/a', LINE, FILE).request;
    const b = parseCurlRequest('curl /b', LINE, FILE).request;
    expect(a?.query).toBe(b?.headers);
    expect(Object.isFrozen(a?.query)).toBe(true);
  });
});

interface Unreadable {
  name: string;
  text: string;
  /** `line:column ruleId message` */
  diagnostic: string;
}

const ONE_COMMAND: Unreadable[] = [
  {
    name: 'APP_ID=$(curl … | jq …): a command substitution',
    text: block(
      'APP_ID=$(curl -s -X POST "https://chat.staging.example.com/api/v1/oauth-apps.create" \\',
      `  -d '{"name":"x"}' \\`,
      "  | jq -r '.application._id')",
    ),
    diagnostic: '10:8 unreadable-request the block runs a command inside $(…)',
  },
  {
    name: 'a second command after the curl',
    text: block(
      'curl -X POST "https://chat.staging.example.com/api/v1/oauth-apps.delete" \\',
      '  -H "Content-type: application/json" \\',
      '  -d "{\\"appId\\": \\"$APP_ID\\"}"',
      '  echo "$RESPONSE" | jq .',
    ),
    diagnostic: '13:3 unreadable-request the block holds a second command after the curl command',
  },
  {
    name: 'a second $ command in a console transcript',
    text: block('$ curl https://api.example.com/a', 'ok', '$ curl https://api.example.com/b'),
    diagnostic: '12:1 unreadable-request the block holds a second command after the curl command',
  },
  {
    name: '&& chains another curl',
    text: 'curl https://x.example/a && curl https://x.example/b',
    diagnostic: '10:26 unreadable-request "&&" chains the curl command',
  },
  {
    name: '; chains another command',
    text: 'curl https://x.example/a; echo done',
    diagnostic: '10:25 unreadable-request ";" chains the curl command',
  },
  {
    name: 'a pipe into something other than jq',
    text: 'curl https://api.example.com/v1/apps | python -m json.tool',
    diagnostic: '10:38 unreadable-request "|" chains the curl command',
  },
  {
    name: 'jq piped on into another command',
    text: "curl https://api.example.com/v1/apps | jq '.apps' | wc -l",
    diagnostic: '10:38 unreadable-request "|" chains the curl command',
  },
  {
    name: 'an unquoted & in the URL',
    text: 'curl https://api.example.com/v1/apps?page=2&per_page=50',
    diagnostic: '10:44 unreadable-request an unquoted "&" ends the curl command',
  },
  {
    name: 'a redirection',
    text: 'curl https://api.example.com/v1/apps > apps.json',
    diagnostic: '10:38 unreadable-request ">" chains the curl command',
  },
  {
    name: 'backticks',
    text: 'curl -H "X-Time: `date`" https://api.example.com/v1/apps',
    diagnostic: '10:18 unreadable-request the block runs a command inside `…`',
  },
  {
    name: 'no command at all',
    text: block('# nothing here', ''),
    diagnostic: '10:1 unreadable-request the block holds no curl command',
  },
  {
    name: 'another program',
    text: 'wget https://api.example.com/v1/apps',
    diagnostic: '10:1 unreadable-request the block runs "wget", not curl',
  },
];

const UNREADABLE: Unreadable[] = [
  {
    name: '-k is not ignored',
    text: 'curl -k https://api.example.com/v1/apps',
    diagnostic: '10:6 unreadable-request cardcheck does not read curl option -k',
  },
  {
    name: 'an unknown option inside a group of short ones',
    text: 'curl -sSo out.json https://api.example.com/v1/apps',
    diagnostic: '10:6 unreadable-request cardcheck does not read curl option -o',
  },
  {
    name: 'an option without its value',
    text: 'curl https://api.example.com/v1/apps -H',
    diagnostic: '10:38 unreadable-request -H needs a value',
  },
  {
    name: 'an unclosed single quote',
    text: `curl https://api.example.com/v1/apps -d '{"a": 1}`,
    diagnostic: "10:41 unreadable-request a ' quote is never closed",
  },
  {
    name: 'an unclosed double quote over several lines',
    text: block('curl "https://api.example.com/v1/apps \\', "  -H 'Accept: */*'"),
    diagnostic: '10:6 unreadable-request a " quote is never closed',
  },
  {
    name: '-d @file',
    text: 'curl https://api.example.com/v1/apps -H "Content-Type: application/json" -d @body.json',
    diagnostic: '10:77 unreadable-request "@body.json" makes curl read a file',
  },
  {
    name: '--data-urlencode name@file',
    text: 'curl https://api.example.com/v1/notes --data-urlencode text@note.txt',
    diagnostic: '10:56 unreadable-request "text@note.txt" makes curl read a file',
  },
  {
    name: 'a shell expansion with a default',
    text: 'curl "https://${API_HOST:-api.example.com}/v1/apps"',
    diagnostic: '10:15 unreadable-request a shell expansion other than $NAME',
  },
  {
    name: 'a header without a colon',
    text: 'curl https://api.example.com/v1/apps -H "Accept application/json"',
    diagnostic: '10:41 unreadable-request the header "Accept application/json" is not Name: value',
  },
  {
    name: 'a header given twice (names in any case)',
    text: "curl https://api.example.com/v1/apps -H 'Accept: text/html' -H 'accept: application/json'",
    diagnostic: '10:64 unreadable-request the header "accept" is given twice',
  },
  {
    name: 'a form field given twice',
    text: 'curl https://api.example.com/v1/apps -d tag=a -d tag=b',
    diagnostic: '10:50 unreadable-request the form field "tag" is given twice',
  },
  {
    name: 'a second URL',
    text: 'curl https://api.example.com/v1/a https://api.example.com/v1/b',
    diagnostic: '10:35 unreadable-request the curl command has a second URL "https://api.example.com/v1/b"',
  },
  {
    name: 'a body type that is neither JSON nor a form',
    text: "curl https://api.example.com/v1/notes -H 'Content-Type: text/plain' -d 'hello'",
    diagnostic: '10:42 unreadable-request cardcheck sends JSON or form bodies, not text/plain',
  },
  {
    name: '-u without a password',
    text: 'curl -u admin https://api.example.com/v1/apps',
    diagnostic: '10:9 unreadable-request -u "admin" has no password',
  },
  {
    name: 'credentials in the URL',
    text: 'curl https://admin:secret@api.example.com/v1/apps',
    diagnostic: '10:6 unreadable-request the URL holds credentials',
  },
  {
    name: 'a scheme that is not HTTP',
    text: 'curl ftp://files.example.com/pub/a.txt',
    diagnostic: '10:6 unreadable-request the URL "ftp://files.example.com/pub/a.txt" is not http(s)',
  },
];

const BODY_AND_REQUEST: Unreadable[] = [
  {
    name: 'GitHub docs: a JSON -d without a Content-Type is sent as a form',
    text: block(
      'curl -L \\',
      '  -X POST \\',
      '  -H "Accept: application/vnd.github+json" \\',
      '  -H "Authorization: Bearer <YOUR-TOKEN>" \\',
      '  https://api.github.com/repos/OWNER/REPO/issues \\',
      `  -d '{"title":"Found a bug","body":"I'\\''m having a problem with this."}'`,
    ),
    diagnostic:
      "15:6 request-body-mismatch curl sends this JSON as a form body; add -H 'Content-Type: application/json'",
  },
  {
    name: 'invalid JSON under a JSON Content-Type, located at the trailing comma',
    text: block(
      'curl https://api.example.com/v1/apps \\',
      "  -H 'Content-Type: application/json' \\",
      "  -d '{",
      '    "name": "x",',
      "  }'",
    ),
    diagnostic: '13:16 invalid-json the request body is not valid JSON: trailing comma before a closing bracket',
  },
  {
    name: 'form data under a JSON Content-Type',
    text: "curl https://api.example.com/v1/apps -H 'Content-Type: application/json' -d name=x",
    diagnostic: '10:77 invalid-json the request body is not valid JSON: invalid character',
  },
  {
    name: 'two JSON pieces, which curl joins with &',
    text: `curl https://api.example.com/v1/apps --json '{"a":1}' --json '{"b":2}'`,
    diagnostic: '10:62 invalid-json curl joins the data with &: not JSON',
  },
  {
    name: '--data-urlencode under a JSON Content-Type',
    text: "curl https://api.example.com/v1/apps -H 'Content-Type: application/json' --data-urlencode 'q=a b'",
    diagnostic: '10:91 request-body-mismatch --data-urlencode data is not JSON',
  },
  {
    name: 'no URL',
    text: "curl -X POST -H 'Accept: */*'",
    diagnostic: '10:1 missing-path the curl command has no URL',
  },
  {
    name: 'an empty URL',
    text: "curl ''",
    diagnostic: '10:6 missing-path the URL "" has no path',
  },
  {
    name: 'a method that is not HTTP',
    text: 'curl -X FETCH https://api.example.com/v1/apps',
    diagnostic: '10:9 invalid-request "FETCH" is not an HTTP method',
  },
];

describe('parseCurlRequest: diagnostics', () => {
  it.each([...ONE_COMMAND, ...UNREADABLE, ...BODY_AND_REQUEST])('$name', ({ text, diagnostic }) => {
    const parsed = parseCurlRequest(text, LINE, FILE);
    expect(parsed.request).toBeUndefined();
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`)).toEqual([diagnostic]);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', file: FILE, hint: expect.any(String) });
  });

  it('suggests the option a misspelt long one is close to', () => {
    const [d] = parseCurlRequest('curl https://api.example.com --hedaer "Accept: */*"', LINE, FILE).diagnostics;
    expect(d).toMatchObject({ line: 10, column: 30, message: 'cardcheck does not read curl option --hedaer' });
    expect(d?.hint).toBe('Did you mean --header?');
  });

  it('names what cardcheck reads for an option it does not know', () => {
    const [d] = parseCurlRequest('curl -k https://api.example.com', LINE, FILE).diagnostics;
    expect(d?.hint).toBe(
      'cardcheck reads -X, -H, -d, --data-raw, --data-binary, --data-urlencode, --json, -u, -L and -G.',
    );
  });

  it('gives the host of a URL it then refuses', () => {
    const parsed = parseCurlRequest('curl https://api.example.com/a -d \'{"a":1}\'', LINE, FILE);
    expect(parsed.host).toBe('api.example.com');
    expect(parsed.diagnostics.map((d) => d.ruleId)).toEqual(['request-body-mismatch']);
  });

  it('never throws, and reports every problem as a located diagnostic of its own', () => {
    const piece = fc.constantFrom(
      ...['curl', ' ', '\n', '\\', "'", '"', '$', '$(', '${', '{{', '}}', '<<', '>>', '|', '&', ';', '#', '-d', '-H'],
      ...['-u', '-X', '-G', '--json', 'jq', 'a=b', ':', '@', '{"a":1}', 'https://h.example/p?x=1', '/p', '\t', 'é'],
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const parsed = parseCurlRequest(pieces.join(''), LINE, FILE);
        expect(parsed.request === undefined).toBe(parsed.diagnostics.length === 1);
        for (const d of parsed.diagnostics) {
          expect(d.message).not.toMatch(/^cardcheck failed/);
          expect(d.line).toBeGreaterThanOrEqual(LINE);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isCurlBlock', () => {
  it.each([
    ['curl https://api.example.com', true],
    ['curl \\\n  https://api.example.com', true],
    ['curl', true],
    ['$ curl -s https://api.example.com', true],
    ['# List the apps\n\n  curl https://api.example.com', true],
    ['curlie https://api.example.com', false],
    ['APP_ID=$(curl -s https://api.example.com | jq -r .id)', false],
    ['echo hi\ncurl https://api.example.com', false],
    ['{ "method": "GET", "path": "/apps" }', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isCurlBlock(text)).toBe(expected);
  });
});
