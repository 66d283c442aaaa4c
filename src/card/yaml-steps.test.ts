// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the blocks are YAML, where ${{ env.X }} is a placeholder
import { describe, expect, it } from 'vitest';
import { parseYamlSteps } from './yaml-steps.js';

const FILE = 'cards/d.md';
const block = (...lines: string[]) => lines.join('\n');
const rules = (r: ReturnType<typeof parseYamlSteps>) =>
  r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);

/** The Setup block of fixtures/cards/dialects/d-sre-yaml/introspect-fresh-token.md, which starts at line 18. */
const SETUP = block(
  '- name: create_account',
  '  request:  ',
  '    method: POST',
  '    url: /service-accounts',
  '    headers:  ',
  '      Authorization: Bearer ${{ env.YOUHODLER_ADMIN_TOKEN }}',
  '    json:  ',
  '      name: sre-d-introspect',
  '      capabilities: [wallets:read, payouts:write]',
  '  expect:  ',
  '    status: 201',
  '  save:  ',
  '    account_id: $.id',
  '    client_id: $.client_id',
  '- name: get_token',
  '  request:  ',
  '    method: POST',
  '    url: /oauth/token',
  '    auth:  ',
  '      basic:  ',
  '        username: ${{ vars.client_id }}',
  '        password: ${{ vars.client_secret }}',
  '    form:  ',
  '      grant_type: client_credentials',
  '  save:  ',
  '    access_token: $.access_token',
);

describe('parseYamlSteps', () => {
  it("reads D's setup steps: requests, expected statuses and saves as dot paths, located in the card", () => {
    const { steps, diagnostics } = parseYamlSteps(SETUP, 18, FILE);
    expect(diagnostics).toEqual([]);
    expect(steps).toEqual([
      {
        name: 'create_account',
        line: 18,
        column: 3,
        expectStatus: [201],
        saves: [
          { name: 'account_id', path: 'id', line: 30, column: 5 },
          { name: 'client_id', path: 'client_id', line: 31, column: 5 },
        ],
        request: {
          method: 'POST',
          path: '/service-accounts',
          query: {},
          headers: { Authorization: 'Bearer {{env.YOUHODLER_ADMIN_TOKEN}}' },
          body: { name: 'sre-d-introspect', capabilities: ['wallets:read', 'payouts:write'] },
          followRedirects: false,
          placeholders: [
            { expr: 'env.YOUHODLER_ADMIN_TOKEN', raw: '${{ env.YOUHODLER_ADMIN_TOKEN }}', line: 23, column: 29 },
          ],
          line: 20,
          column: 5,
        },
      },
      {
        name: 'get_token',
        line: 32,
        column: 3,
        expectStatus: [],
        saves: [{ name: 'access_token', path: 'access_token', line: 43, column: 5 }],
        request: {
          method: 'POST',
          path: '/oauth/token',
          query: {},
          headers: {},
          form: { grant_type: 'client_credentials' },
          basic: { username: '{{resolved.client_id}}', password: '{{resolved.client_secret}}' },
          followRedirects: false,
          placeholders: [
            { expr: 'resolved.client_id', raw: '${{ vars.client_id }}', line: 38, column: 19 },
            { expr: 'resolved.client_secret', raw: '${{ vars.client_secret }}', line: 39, column: 19 },
          ],
          line: 34,
          column: 5,
        },
      },
    ]);
  });

  it('reads a single map as one step, the request map itself with expect (a list) and save beside it', () => {
    const { steps, diagnostics } = parseYamlSteps(
      block('method: DELETE', 'url: /service-accounts/${{ vars.account_id }}', 'expect: { status: [204, 404] }'),
      50,
      FILE,
    );
    expect(diagnostics).toEqual([]);
    expect(steps.map((s) => [s.request.method, s.request.path, s.expectStatus, s.name])).toEqual([
      ['DELETE', '/service-accounts/{{resolved.account_id}}', [204, 404], undefined],
    ]);
  });

  it('warns about an unknown key at the key; under expect: an unknown key is an unreadable expectation', () => {
    const r = parseYamlSteps(
      block(
        '- name: x',
        '  retries: 3',
        '  request: { method: GET, url: /x, timeout: 5 }',
        '  expect:',
        '    status: 200',
        '    body: { ok: true }',
      ),
      10,
      FILE,
    );
    expect(rules(r)).toEqual([
      '11:3 warning unknown-key step "x" has an unknown key "retries"',
      '12:36 warning unknown-key the request of step "x" has an unknown key "timeout"',
      '15:5 error unreadable-expectation a step\'s expect has a key "body" cardcheck does not read, so nothing would check it',
    ]);
    expect(r.diagnostics[2]?.hint).toBe('Write expect: { status: 201 }, or status: [200, 201].');
    expect(r.steps.map((s) => s.expectStatus)).toEqual([[200]]);
  });

  it('refuses a save path a dot path cannot say, a status that is not one, and a step that is not a map', () => {
    const r = parseYamlSteps(
      block(
        '- request: { method: GET, url: /x }',
        '  expect: { status: ok }',
        '  save: { ids: "$..id" }',
        '- just a sentence',
      ),
      10,
      FILE,
    );
    expect(rules(r)).toEqual([
      '11:21 error unreadable-expectation a step\'s expected "status" must be an HTTP status code or a list of them',
      '12:16 error invalid-request cardcheck cannot read the JSONPath "$..id" (saved as "ids")',
      '13:3 error invalid-request step 2 is not a map',
    ]);
    expect(r.steps).toHaveLength(1);
  });

  it('reports invalid YAML at its place and a step whose request cannot be built, never throwing', () => {
    expect(rules(parseYamlSteps(block('- name: x', '  request: [', ''), 10, FILE))).toEqual([
      '12:1 error invalid-yaml the steps block is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    const r = parseYamlSteps(block('- name: x', '  request: { url: /x }'), 10, FILE);
    expect(rules(r)).toEqual(['11:12 error invalid-request the request of step "x" has no "method"']);
    expect(r.steps).toEqual([]);
  });
});
