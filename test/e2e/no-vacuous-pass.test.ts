import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load-config.js';
import type { Config } from '../../src/core/config.js';
import { runCards } from '../../src/runner/run-cards.js';
import { cardcheck } from '../support/cli.js';
import { writeCards } from '../support/temp-cards.js';

/** Cards as another team writes them: the status in front-matter, a JSON Schema on its own under the heading. */
function otherTeamCard(frontMatter: string, schemaRequired: string[]): string {
  return [
    '---',
    'endpoint: POST /platform/v1/apps',
    frontMatter,
    '---',
    '# Create an app (other team)',
    '',
    '## Request Template',
    '',
    '```json',
    JSON.stringify({
      method: 'POST',
      path: '/platform/v1/apps',
      body: { name: 'Other team', app_code_name: 'other{{timestamp}}', redirect_uri: 'https://example.com/cb' },
      cleanup: 'DELETE /platform/v1/apps/{{response.data.client_id}}',
    }),
    '```',
    '',
    '## Expected Response',
    '',
    '```json',
    JSON.stringify(
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        required: ['data'],
        properties: { data: { type: 'object', required: schemaRequired } },
      },
      null,
      2,
    ),
    '```',
    '',
  ].join('\n');
}

function vcitaConfig(): Config {
  const config = defaultConfig();
  config.profiles.directory = { type: 'bearer', token: '{{env.DIRECTORY_TOKEN}}' };
  config.folders['.'] = { api: 'vcita', auth: 'directory' };
  return config;
}

const CARDS = {
  'create.md': otherTeamCard('expectedStatus: 201', ['client_id', 'client_secret']),
  'wrong-status.md': otherTeamCard('expected_status: 200', ['client_id']),
  'nested.md': otherTeamCard('expected:\n  status: 201\n  body: has a client_secret', ['client_id']),
};

async function run(breaks: string[] = []) {
  const dir = await writeCards(CARDS);
  const result = await runCards({
    cwd: dir,
    paths: ['.'],
    config: vcitaConfig(),
    seed: 1,
    ledgerDir: false,
    sandbox: { breaks },
  });
  return Object.fromEntries(result.cards.map((c) => [c.file, c]));
}

describe('no vacuous pass: what a card says is checked, or the card is refused', () => {
  it('reads the status in front-matter and a JSON Schema on its own, and refuses what it cannot read before sending', async () => {
    const cards = await run();
    expect(cards['create.md']?.outcome).toBe('passed');
    expect(cards['create.md']?.checks.map((c) => c.kind)).toEqual(['status', 'schema']);
    // A 201 against an expected 200: it passed before, when the front-matter status was ignored.
    expect(cards['wrong-status.md']?.outcome).toBe('failed');
    expect(cards['wrong-status.md']?.reason).toBe('expected status 200, got 201');
    const nested = cards['nested.md'];
    expect(nested?.outcome).toBe('errored');
    expect(nested?.requests).toEqual([]);
    expect(nested?.diagnostics).toMatchObject([
      { ruleId: 'unreadable-expectation', line: 5, message: expect.stringContaining('"expected.body"') },
    ]);
  });

  it('a response that drops a field the schema requires fails the card that was green against the right one', async () => {
    const cards = await run(['vcita-create-app-drops-client-secret']);
    expect(cards['create.md']?.outcome).toBe('failed');
    expect(cards['create.md']?.reason).toContain('/data/client_secret');
  });

  it('cardcheck run refuses a card with an unreadable expectation: exit 2, at its line', async () => {
    const res = await cardcheck(['run', 'fixtures/cards/invalid/unreadable-expectation.md', '--reporter', 'console']);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('fixtures/cards/invalid/unreadable-expectation.md:6:1 error unreadable-expectation');
    expect(res.stdout).toContain('  35 | The response should say the client is unknown.');
  });

  const listRequests = {
    'an HTTP message (.http style)': [
      '```http',
      '# @name list',
      'GET https://chat.staging.example.com/api/v1/oauth-apps.list HTTP/1.1',
      'X-Auth-Token: {{$processEnv ROCKETCHAT_AUTH_TOKEN}}',
      'X-User-Id: {{$processEnv ROCKETCHAT_USER_ID}}',
      '```',
    ],
    'a curl command from vendor docs': [
      '```bash',
      'curl -s https://chat.staging.example.com/api/v1/oauth-apps.list \\',
      '  -H "X-Auth-Token: $ROCKETCHAT_AUTH_TOKEN" \\',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, as vendor docs write it
      '  -H "X-User-Id: ${ROCKETCHAT_USER_ID}"',
      '```',
    ],
  };

  it.each(Object.entries(listRequests))(
    'reads a request written as %s, and a Response 200 section written as an HTTP message (CRLF)',
    async (_form, request) => {
      const text = [
        '# List the OAuth apps',
        '',
        '## Request',
        '',
        ...request,
        '',
        '## Response 200',
        '',
        '```http',
        'HTTP/1.1 200 OK',
        'Content-Type: application/json; charset=utf-8',
        '',
        '{ "oauthApps": [], "success": true }',
        '```',
        '',
      ].join('\r\n');
      const dir = await writeCards({ 'list.md': text });
      const config = defaultConfig();
      config.folders['.'] = { api: 'rocketchat' };
      const run = async (breaks: string[]) =>
        (await runCards({ cwd: dir, paths: ['.'], config, seed: 1, ledgerDir: false, sandbox: { breaks } })).cards[0];
      const good = await run([]);
      expect(good?.outcome, good?.reason).toBe('passed');
      const at = (kind: string) => good?.checks.find((c) => c.kind === kind)?.line;
      expect([at('status'), at('assertion'), at('schema')]).toEqual([
        request.length + 6,
        request.length + 10,
        request.length + 12,
      ]);
      const broken = await run(['rocketchat-list-drops-oauth-apps']);
      expect(broken?.outcome).toBe('failed');
      expect(broken?.reason).toContain('/oauthApps');
    },
  );

  it('checks every expectation bullet, each at its line, and refuses the one it cannot read', async () => {
    const card = (extra: string[]) =>
      [
        '---',
        'endpoint: GET /api/v1/oauth-apps.list',
        'auth: rocketchat-admin',
        '---',
        '# List apps, checked with bullets',
        '',
        '## Request Template',
        '',
        '```json',
        '{ "method": "GET", "path": "/api/v1/oauth-apps.list" }',
        '```',
        '',
        '## Assertions',
        '',
        '- status is 200',
        '- body.success is true',
        '- body.oauthApps is an array',
        '- header Content-Type contains application/json',
        ...extra,
        '',
      ].join('\n');
    const dir = await writeCards({ 'bullets.md': card([]), 'vague.md': card(['- looks healthy']) });
    const config = defaultConfig();
    config.profiles['rocketchat-admin'] = {
      type: 'headers',
      headers: { 'X-Auth-Token': '{{env.ROCKETCHAT_AUTH_TOKEN}}', 'X-User-Id': '{{env.ROCKETCHAT_USER_ID}}' },
    };
    config.folders['.'] = { api: 'rocketchat' };
    const run = async (breaks: string[]) =>
      Object.fromEntries(
        (await runCards({ cwd: dir, paths: ['.'], config, seed: 1, ledgerDir: false, sandbox: { breaks } })).cards.map(
          (c) => [c.file, c],
        ),
      );
    const good = await run([]);
    expect(good['bullets.md']?.outcome, good['bullets.md']?.reason).toBe('passed');
    expect(good['bullets.md']?.checks.map((c) => `${c.kind}:${c.line}`)).toEqual([
      'status:15',
      'assertion:16',
      'assertion:17',
      'assertion:18',
    ]);
    expect(good['vague.md']?.outcome).toBe('errored');
    expect(good['vague.md']?.diagnostics).toMatchObject([{ ruleId: 'unreadable-expectation', line: 19, column: 3 }]);
    const broken = (await run(['rocketchat-list-drops-oauth-apps']))['bullets.md'];
    expect(broken?.outcome).toBe('failed');
    expect(broken?.checks.filter((c) => !c.passed).map((c) => c.line)).toEqual([17]);
  });

  it('a pass that checked only the status of a card documenting bodies says "status only" in every reporter', async () => {
    const text = [
      '---',
      'endpoint: GET /api/v1/oauth-apps.list',
      'api: rocketchat',
      'auth: none',
      '---',
      '# List apps, only the error is documented',
      '',
      '## Request Template',
      '',
      '```json',
      '{ "method": "GET", "path": "/api/v1/oauth-apps.list" }',
      '```',
      '',
      '## Expected Response',
      '',
      '```json',
      '{ "status": 401 }',
      '```',
      '',
      '## Responses',
      '',
      '**403 Forbidden**',
      '',
      '```json',
      '{ "success": false, "error": "unauthorized" }',
      '```',
      '',
    ].join('\n');
    const dir = await writeCards({ 'status-only.md': text });
    const out = path.join(dir, 'reports');
    const res = await cardcheck(
      ['run', 'status-only.md', '--target', 'sandbox', '--reporter', 'console,json,junit,html,github', '--out', out],
      {
        cwd: dir,
        env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') },
      },
    );
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const warning = 'status only: the card documents response bodies (examples for 403) but none for 401';
    expect(res.stdout).toContain(`warning: body: ${warning}`);
    expect(res.stdout).toMatch(
      /::warning file=status-only\.md,line=6,title=cardcheck%3A GET \/api\/v1\/oauth-apps\.list checked only the status::/,
    );
    for (const f of ['results.json', 'junit.xml', 'report.html'])
      expect(await readFile(path.join(out, f), 'utf8'), f).toContain(warning);
  });
});
