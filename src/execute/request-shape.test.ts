import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EchoServer } from '../../test/support/echo-server.js';
import { startEchoServer } from '../../test/support/echo-server.js';
import { card, writeCards } from '../../test/support/temp-cards.js';
import { parseConfig } from '../config/load-config.js';
import { runCards } from '../runner/run-cards.js';

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

const run = async (cards: Record<string, string>, env: Record<string, string> = {}) => {
  const dir = await writeCards(cards);
  // The base URL has a path prefix (/api) that every card path is joined to.
  return runCards({ paths: ['.'], cwd: dir, target: `${echo.url}/api`, env, seed: 7, trace: 'on' });
};
const lastSeen = () => echo.seen[echo.seen.length - 1];

describe('what cardcheck sends', () => {
  it('joins the path to the base URL prefix, URL-encodes path values, adds the query', async () => {
    const uid = { id: { value: 'a/b c' } };
    const result = await run({
      'c.md': card({
        endpoint: 'GET /things/{id}',
        uid,
        request: { method: 'GET', path: '/things/{{resolved.id}}', query: { q: 'x y', n: '{{resolved.id}}' } },
      }),
    });
    expect(result.cards[0]?.outcome).toBe('passed');
    expect(lastSeen()?.url).toBe('/api/things/a%2Fb%20c?q=x+y&n=a%2Fb+c');
  });

  it('sends a form body and HTTP Basic client credentials as RFC 6749 asks', async () => {
    const uid = { client_id: { value: 'my client' }, client_secret: { value: 's3cr:t' } };
    const request = {
      method: 'POST',
      path: '/oauth/token',
      form: { grant_type: 'client_credentials', scope: 'a b' },
      basic: { username: '{{resolved.client_id}}', password: '{{resolved.client_secret}}' },
    };
    await run({ 'c.md': card({ endpoint: 'POST /oauth/token', uid, request }) });
    const seen = lastSeen();
    expect(seen?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen?.body).toBe('grant_type=client_credentials&scope=a+b');
    expect(seen?.headers.authorization).toBe(`Basic ${Buffer.from('my+client:s3cr%3At').toString('base64')}`);
  });

  it('sends a JSON body, keeping the type of a sole placeholder', async () => {
    const uid = { n: { value: 42 } };
    await run({
      'c.md': card({
        endpoint: 'POST /x',
        uid,
        request: {
          method: 'POST',
          path: '/x',
          body: { n: '{{resolved.n}}', s: 'n={{resolved.n}}', t: '<<resolved.n>>' },
        },
      }),
    });
    expect(JSON.parse(lastSeen()?.body ?? '')).toEqual({ n: 42, s: 'n=42', t: 42 });
    expect(lastSeen()?.headers['content-type']).toBe('application/json');
  });

  it('replays faker values with the same seed', async () => {
    const c = card({
      endpoint: 'POST /x',
      request: { method: 'POST', path: '/x', body: { email: '{{faker.internet.email}}', id: '{{uuid}}' } },
    });
    await run({ 'c.md': c });
    const first = lastSeen()?.body;
    await run({ 'c.md': c });
    expect(lastSeen()?.body).toBe(first);
    expect(JSON.parse(first ?? '{}').email).toMatch(/@/);
  });
});

describe('what cardcheck keeps secret', () => {
  it('redacts env values the config lists under `secrets`, wherever they would appear', async () => {
    const dir = await writeCards({
      'c.md': card({
        endpoint: 'GET /x',
        request: { method: 'GET', path: '/x' },
        expect: { status: 200, assert: [{ path: 'method', equals: '{{env.PLAIN_VALUE}}' }] },
      }),
    });
    const config = parseConfig(
      'secrets: [PLAIN_VALUE]\ntargets:\n  echo:\n    apis: { echo: "{{env.ECHO}}" }\n',
      'cardcheck.config.yaml',
    ).config;
    const result = await runCards({
      paths: ['.'],
      cwd: dir,
      target: 'echo',
      trace: 'on',
      config,
      env: { PLAIN_VALUE: 'hunter2-plain', ECHO: `${echo.url}/api` },
    });
    expect(result.cards[0]?.reason).toBe('method: expected to equal "[redacted]", found "GET"');
    expect(JSON.stringify(result)).not.toContain('hunter2-plain');
  });
});

describe('what cardcheck keeps secret: keys the config declares', () => {
  it('redacts the values of body fields and headers listed under `secrets: { keys }`, sent and echoed', async () => {
    const dir = await writeCards({
      'c.md': card({
        endpoint: 'POST /x',
        request: {
          method: 'POST',
          path: '/x',
          headers: { 'X-Partner-Sig': 'sig-7f3a9c2e1b' },
          body: { pin_block: 'pinblock-4411', note: 'visible-note' },
        },
        expect: { status: 200 },
      }),
    });
    const config = parseConfig(
      [
        'secrets:',
        '  env: [PLAIN_VALUE]',
        '  keys: [pin_block, X-Partner-Sig]',
        'targets:',
        '  echo:',
        '    apis: { echo: "{{env.ECHO}}" }',
        '',
      ].join('\n'),
      'cardcheck.config.yaml',
    );
    expect(config.diagnostics).toEqual([]);
    const result = await runCards({
      paths: ['.'],
      cwd: dir,
      target: 'echo',
      trace: 'on',
      config: config.config,
      env: { ECHO: `${echo.url}/api` },
    });
    const everything = JSON.stringify(result);
    expect(everything).toContain('visible-note');
    expect(everything).not.toContain('sig-7f3a9c2e1b');
    expect(everything).not.toContain('pinblock-4411');
  });
});

describe('what cardcheck checks', () => {
  it('checks values and headers, naming the path, expected and found', async () => {
    const expectation = {
      status: 200,
      assert: [
        { path: 'method', equals: 'GET' },
        { header: 'x-echo', exists: true },
        { header: 'content-type', matches: '^application/json' },
        { path: 'method', equals: 'POST' },
      ],
    };
    const result = await run({
      'c.md': card({ endpoint: 'GET /x', request: { method: 'GET', path: '/x' }, expect: expectation }),
    });
    expect(result.cards[0]?.outcome).toBe('failed');
    expect(result.cards[0]?.reason).toBe('method: expected to equal "POST", found "GET"');
    expect(result.cards[0]?.checks.filter((c) => c.kind === 'assertion').map((c) => c.passed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('turns vendor-style examples into schemas and names the missing field', async () => {
    const examples = [
      '## Responses',
      '',
      '**200 Operation succeeded**',
      '',
      '```json',
      '{ "method": "GET", "url": "/x", "token_type": "Bearer" }',
      '```',
      '',
    ].join('\n');
    const result = await run({
      'c.md': card({ endpoint: 'GET /x', request: { method: 'GET', path: '/x' }, extra: examples }),
    });
    expect(result.cards[0]?.outcome).toBe('failed');
    expect(result.cards[0]?.reason).toBe('required field /token_type is missing');
  });

  it('fails a non-JSON body where JSON was expected, naming the content type', async () => {
    const result = await run({
      'c.md': card({
        endpoint: 'GET /html',
        request: { method: 'GET', path: '/html' },
        expect: { status: 200, schema: { type: 'object' } },
      }),
    });
    expect(result.cards[0]).toMatchObject({
      outcome: 'failed',
      reason: 'expected a JSON body matching the schema, got a text/html body',
    });
  });

  it('accepts an empty 204 and plain text when no schema is expected', async () => {
    const result = await run({
      'a.md': card({
        endpoint: 'DELETE /empty',
        request: { method: 'DELETE', path: '/empty' },
        expect: { status: 204 },
      }),
      'b.md': card({ endpoint: 'GET /text', request: { method: 'GET', path: '/text' } }),
    });
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed', 'passed']);
  });

  it('does not follow redirects unless asked; a card can expect the 3xx and its Location', async () => {
    const result = await run({
      'a.md': card({
        endpoint: 'GET /redirect',
        request: { method: 'GET', path: '/redirect' },
        expect: { status: 302, assert: [{ header: 'location', equals: '/api/landed' }] },
      }),
      'b.md': card({
        endpoint: 'GET /redirect',
        request: { method: 'GET', path: '/redirect', followRedirects: true },
        expect: { status: 200, assert: [{ path: 'url', equals: '/api/landed' }] },
      }),
      'c.md': card({
        endpoint: 'GET /offsite',
        request: { method: 'GET', path: '/offsite', followRedirects: true },
        expect: { status: 302 },
      }),
    });
    expect(result.cards.map((c) => [c.file, c.outcome, c.reason])).toEqual([
      ['a.md', 'passed', ''],
      ['b.md', 'passed', ''],
      ['c.md', 'passed', ''],
    ]);
  });

  it('resolves UID fields in dependency order and reports cycles', async () => {
    const ordered = { b: { value: '{{resolved.a}}-b' }, a: { value: 'A' } };
    const cyclic = { x: { value: '{{resolved.y}}' }, y: { value: '{{resolved.x}}' } };
    const result = await run({
      'ok.md': card({
        endpoint: 'POST /x',
        uid: ordered,
        request: { method: 'POST', path: '/x', body: { b: '{{resolved.b}}' } },
      }),
      'cycle.md': card({
        endpoint: 'POST /x',
        uid: cyclic,
        request: { method: 'POST', path: '/x', body: { x: '{{resolved.x}}' } },
      }),
    });
    const byFile = Object.fromEntries(result.cards.map((c) => [c.file, c]));
    expect(byFile['ok.md']?.outcome).toBe('passed');
    expect(byFile['cycle.md']?.outcome).toBe('errored');
    expect(byFile['cycle.md']?.reason).toMatch(/UID fields need each other in a cycle: (x → y → x|y → x → y)/);
  });

  it('skips a card that needs a value only a person can produce', async () => {
    const uid = { code: { from_person: 'the browser redirect after consent' } };
    const result = await run({
      'c.md': card({
        endpoint: 'POST /t',
        uid,
        request: { method: 'POST', path: '/t', body: { code: '{{resolved.code}}' } },
      }),
    });
    expect(result.cards[0]?.outcome).toBe('skipped');
    expect(result.cards[0]?.reason).toMatch(
      /^needs \{\{resolved\.code\}\}, which only a person can produce \(the browser redirect after consent\)/,
    );
    expect(echo.seen.some((s) => s.url === '/api/t')).toBe(false);
  });
});
