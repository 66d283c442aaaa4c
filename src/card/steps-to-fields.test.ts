import { describe, expect, it } from 'vitest';
import type { UidField } from '../core/card.js';
import { parseCard } from './parse-card.js';

const card = (...lines: string[]) => parseCard(lines.join('\n'), 'c.md');
const fence = (lang: string, ...lines: string[]) => [`\`\`\`${lang}`, ...lines, '```'];
const created = (f: UidField | undefined) => (f?.source.kind === 'create' ? f.source : undefined);

describe('Setup and Teardown sections join the card as UID fields and cleanups', () => {
  it('curl: a value saved in ### Before is $NAME in the call and the cleanup, which undoes that step', () => {
    const { card: c, diagnostics } = card(
      '# get an app',
      'API: rocketchat · owner: #chatops',
      '### Before',
      ...fence(
        'bash',
        `APP_ID=$(curl -X POST "https://h.example/api/apps" -H 'Content-Type: application/json' -d '{}' | jq -r '.app._id')`,
      ),
      '### Call',
      ...fence('bash', 'curl "https://h.example/api/apps.get?appId=$APP_ID"'),
      '### Expect',
      '- status is 200',
      '### After',
      ...fence(
        'bash',
        `curl -X POST https://h.example/api/apps.delete -H 'Content-Type: application/json' -d "{\\"appId\\": \\"$APP_ID\\"}"`,
      ),
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c?.frontMatter.api).toBe('rocketchat');
    expect(c?.request?.query).toEqual({ appId: '{{resolved.APP_ID}}' });
    // The placeholder is renamed, and still shows as written.
    expect(c?.request?.placeholders.map((p) => [p.expr, p.raw, p.line])).toEqual([['resolved.APP_ID', '$APP_ID', 9]]);
    const [field] = c?.uidFields ?? [];
    expect(field?.name).toBe('APP_ID');
    expect(created(field)).toMatchObject({ extractFrom: 'app._id', fresh: true, setup: { line: 5, expectStatus: [] } });
    expect(field?.cleanup).toMatchObject({
      method: 'POST',
      path: '/api/apps.delete',
      body: { appId: '{{resolved.APP_ID}}' },
    });
  });

  it('curl: a teardown reading "$RESPONSE" cleans up what the request made', () => {
    const { card: c } = card(
      '# create an app',
      'API: rocketchat',
      '### Call',
      ...fence('bash', `curl -X POST https://h.example/api/apps.create -H 'Content-Type: application/json' -d '{}'`),
      '### Expect',
      '- status is 200',
      '### After',
      ...fence(
        'bash',
        `APP_ID=$(echo "$RESPONSE" | jq -r '.application._id')`,
        `curl -X POST https://h.example/api/apps.delete -H 'Content-Type: application/json' -d "{\\"appId\\": \\"$APP_ID\\"}"`,
      ),
    );
    expect(c?.uidFields).toEqual([]);
    expect(c?.request?.cleanup).toMatchObject({
      path: '/api/apps.delete',
      body: { appId: '{{response.application._id}}' },
    });
  });

  it('.http: a named Prepare request gives the values read as {{name.response.body.$.x}}; Cleanup undoes it', () => {
    const { card: c, diagnostics } = card(
      '# token',
      'Target: youhodler',
      '## Prepare',
      ...fence(
        'http',
        '# @name account',
        'POST /service-accounts HTTP/1.1',
        'Content-Type: application/json',
        '',
        '{"name": "c"}',
      ),
      '## Request',
      ...fence(
        'http',
        'POST /oauth/token HTTP/1.1',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        'client_id={{account.response.body.$.client_id}}&client_secret={{account.response.body.$.client_secret}}',
      ),
      '## Response 200',
      ...fence('http', 'HTTP/1.1 200 OK', 'Content-Type: application/json', '', '{"token_type": "Bearer"}'),
      '## Cleanup',
      ...fence('http', 'DELETE /service-accounts/{{account.response.body.$.id}} HTTP/1.1'),
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c?.uidFields.map((f) => [f.name, created(f)?.extractFrom])).toEqual([
      ['account.client_id', 'client_id'],
      ['account.client_secret', 'client_secret'],
      ['account.id', 'id'],
    ]);
    // Every field of the step shares its one request: the planner sends it once.
    const [a, b] = c?.uidFields ?? [];
    expect(created(a)?.create).toBe(created(b)?.create);
    expect(c?.request?.form).toEqual({
      client_id: '{{resolved.account.client_id}}',
      client_secret: '{{resolved.account.client_secret}}',
    });
    expect(c?.uidFields.find((f) => f.cleanup)?.cleanup?.path).toBe('/service-accounts/{{resolved.account.id}}');
  });

  it('JSON: a step object saves values and states the status it must answer; a step saving nothing still runs', () => {
    const { card: c } = card(
      '---',
      'endpoint: GET /apps/{id}',
      '---',
      '# get',
      '## Setup',
      ...fence(
        'json',
        '[',
        '{ "method": "POST", "path": "/apps", "body": {}, "save": { "APP": "data.id" }, "expect": { "status": 201 } },',
        '{ "method": "POST", "path": "/audit/flush" }',
        ']',
      ),
      '## Request Template',
      ...fence('json', '{ "method": "GET", "path": "/apps/{{resolved.APP}}" }'),
    );
    expect(c?.uidFields.map((f) => [f.name, created(f)?.extractFrom, created(f)?.setup?.expectStatus])).toEqual([
      ['APP', 'data.id', [201]],
      ['setup step at line 9', '', []],
    ]);
  });

  it('a second teardown of a step with one value gets a field of its own, so both cleanups run', () => {
    const { card: c } = card(
      '---',
      'endpoint: GET /apps/{id}',
      '---',
      '# get',
      '## Setup',
      ...fence('json', '{ "method": "POST", "path": "/apps", "save": { "APP": "id" } }'),
      '## Request Template',
      ...fence('json', '{ "method": "GET", "path": "/apps/{{resolved.APP}}" }'),
      '## Teardown',
      ...fence(
        'json',
        '[{ "method": "DELETE", "path": "/apps/{{resolved.APP}}" }, { "method": "DELETE", "path": "/audit/{{resolved.APP}}" }]',
      ),
    );
    expect(c?.uidFields.map((f) => [f.name, created(f)?.setup?.line, f.cleanup?.path])).toEqual([
      ['APP', 7, '/apps/{{resolved.APP}}'],
      ['cleanup at line 15', 7, '/audit/{{resolved.APP}}'],
    ]);
  });

  it('refuses a code block in a form cardcheck does not run, at its line', () => {
    const { diagnostics } = card(
      '---',
      'endpoint: GET /apps',
      '---',
      '# list',
      '## Setup',
      ...fence('python', 'requests.post("https://h/apps")'),
      '## Request Template',
      ...fence('json', '{ "method": "GET", "path": "/apps" }'),
    );
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.message])).toContainEqual([
      'unreadable-request',
      6,
      'this python block under "Setup" is not a request cardcheck reads',
    ]);
  });
});

describe('a JSON step says only the status it must answer', () => {
  it('refuses any other key under "expect", at the key', () => {
    const { diagnostics } = parseCard(
      [
        '---',
        'endpoint: GET /apps',
        '---',
        '# list',
        '## Setup',
        '```json',
        '{ "method": "POST", "path": "/apps", "expect": { "status": 201, "body": { "id": "x" } } }',
        '```',
        '## Request Template',
        '```json',
        '{ "method": "GET", "path": "/apps" }',
        '```',
      ].join('\n'),
      'c.md',
    );
    expect(
      diagnostics.filter((d) => d.severity === 'error').map((d) => [d.ruleId, d.line, d.column, d.message]),
    ).toEqual([
      ['unreadable-expectation', 7, 65, 'a step\'s "expect" holds its status only; cardcheck would not check "body"'],
    ]);
  });
});

describe('a teardown for the request when the request already has its cleanup', () => {
  it('is refused at the teardown request: cardcheck runs one cleanup of the request', () => {
    const { diagnostics } = parseCard(
      [
        '---',
        'endpoint: POST /apps',
        '---',
        '# create',
        '## Request Template',
        '```json',
        '{ "method": "POST", "path": "/apps", "body": {}, "cleanup": "DELETE /apps/{{response.id}}" }',
        '```',
        '## Teardown',
        '```json',
        '{ "method": "DELETE", "path": "/audit/{{response.id}}" }',
        '```',
      ].join('\n'),
      'c.md',
    );
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([
      [
        'unreadable-request',
        11,
        'this teardown request cannot be run: the card already has a cleanup of its request; cardcheck runs one',
      ],
    ]);
  });
});
