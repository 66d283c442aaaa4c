import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import type { EchoServer } from '../support/echo-server.js';
import { startEchoServer } from '../support/echo-server.js';
import { card, writeCards } from '../support/temp-cards.js';

let echo: EchoServer;
let dir: string;

const get = (extra: Record<string, unknown>) =>
  card({ endpoint: 'GET /things', request: { method: 'GET', path: '/things', ...extra }, expect: { status: 200 } });

const BROWSER = card({
  endpoint: 'GET /things',
  uid: {
    code: {
      from_person: 'a person signs in and allows the app',
      browser: {
        open: '/login',
        steps: [{ fill: '#username', with: 'someone' }, { click: '#allow' }],
        redirect_uri: 'https://example.com/cb',
      },
      extract_from: 'code',
    },
  },
  request: { method: 'GET', path: '/things', query: { code: '{{resolved.code}}' } },
});

const CARDS = {
  'override-header.md': get({ headers: { 'X-HTTP-Method-Override': 'DELETE' } }),
  'x-http-method.md': get({ headers: { 'X-HTTP-Method': 'put' } }),
  'x-method-override.md': get({ headers: { 'X-Method-Override': '{{env.METHOD}}' } }),
  'query-method.md': get({ query: { _method: 'DELETE' } }),
  'path-query-method.md': card({
    endpoint: 'GET /things',
    request: { method: 'GET', path: '/things?_method=PATCH' },
  }),
  'override-get.md': get({ headers: { 'X-HTTP-Method-Override': 'GET' } }),
  'browser.md': BROWSER,
};

beforeAll(async () => {
  echo = await startEchoServer();
  dir = await writeCards(CARDS);
  await writeFile(
    path.join(dir, 'cardcheck.config.yaml'),
    ['targets:', '  prod:', '    production: true', `    apis: { echo: "${echo.url}/api" }`, ''].join('\n'),
  );
});
afterAll(() => echo.close());

interface Results {
  cards: { file: string; outcome: string; reason: string }[];
}

describe('the production guard counts what a request really does', () => {
  it('method overrides count as the method they name; a browser flow needs --allow-mutations', async () => {
    const res = await cardcheck(['run', '.', '--target', 'prod', '--browser', '--out', 'out'], {
      cwd: dir,
      env: { METHOD: 'DELETE' },
    });
    const results = JSON.parse(await readFile(path.join(dir, 'out', 'results.json'), 'utf8')) as Results;
    const reason = Object.fromEntries(results.cards.map((c) => [c.file, `${c.outcome}: ${c.reason ?? ''}`]));
    expect(reason).toMatchObject({
      'override-header.md': expect.stringMatching(
        /^skipped: held back: production target "prod" and this card sends GET \/things with X-HTTP-Method-Override: DELETE \(line \d+\); pass --allow-mutations/,
      ),
      'x-http-method.md': expect.stringMatching(/with X-HTTP-Method: put \(line \d+\)/),
      'x-method-override.md': expect.stringMatching(/with X-Method-Override: \{\{env\.METHOD\}\}/),
      'query-method.md': expect.stringMatching(/with _method=DELETE in its query/),
      'path-query-method.md': expect.stringMatching(/with _method=PATCH in its query/),
      'browser.md': expect.stringMatching(
        /^skipped: held back: production target "prod" and this card runs a browser flow \(line \d+\), whose forms may send POST requests; pass --allow-mutations to run it$/,
      ),
    });
    expect(reason['override-get.md']).toMatch(/^passed/);
    // Only the override that names GET reached the target.
    expect(echo.seen.map((r) => `${r.method} ${r.url} ${r.headers['x-http-method-override'] ?? ''}`)).toEqual([
      'GET /api/things GET',
    ]);
    expect(res.code).toBe(0);
  }, 15_000);
});
