import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestSpec } from '../../src/core/card.js';
import { assertInsideBase, assertSafeHeaders, assertSafePath } from '../../src/execute/request-safety.js';
import { cardcheck } from '../support/cli.js';
import type { EchoServer } from '../support/echo-server.js';
import { startEchoServer } from '../support/echo-server.js';
import { card, writeCards } from '../support/temp-cards.js';
import { tempDir } from '../support/temp-dir.js';

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());

const get = (p: string, headers: Record<string, string> = {}) =>
  card({ endpoint: 'GET /things', request: { method: 'GET', path: p, headers }, expect: { status: 200 } });

const CARDS = {
  'hash.md': get('/a#/../../../s/whoami'),
  'newline.md': get('/.\n./.\n./s/whoami'),
  'tab.md': get('/.\t./.\t./s/whoami'),
  'host.md': get('/things', { Host: 'admin.internal' }),
  'te.md': get('/things', { 'Transfer-Encoding': 'chunked', 'Proxy-Authorization': 'x' }),
};

describe('a card cannot leave the target by its path or its headers', () => {
  it('lint: each is a located error naming the reason; exit 2', async () => {
    const dir = await writeCards(CARDS);
    const res = await cardcheck(['lint', '.'], { cwd: dir });
    expect(res.code).toBe(2);
    const lines = res.stdout.split('\n').filter((l) => / error /.test(l));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hash\.md:\d+:\d+ error path-escapes-target .*climb above the base path/),
        expect.stringMatching(/^newline\.md:\d+:\d+ error path-escapes-target .*holds a line break \(LF\)/),
        expect.stringMatching(/^tab\.md:\d+:\d+ error path-escapes-target .*holds a TAB/),
        expect.stringMatching(/^host\.md:\d+:5 error header-not-allowed .*"Host"/),
        expect.stringMatching(/^te\.md:\d+:5 error header-not-allowed .*"Transfer-Encoding".*hop-by-hop/),
        expect.stringMatching(/^te\.md:\d+:5 error header-not-allowed .*"Proxy-Authorization"/),
      ]),
    );
  }, 15_000);

  it('run against base …/api/v1: every card errors and the server receives nothing', async () => {
    const dir = await writeCards(CARDS);
    const out = await tempDir('cardcheck-inside-');
    const before = echo.seen.length;
    const res = await cardcheck(['run', '.', '--target', `${echo.url}/api/v1`, '--out', out], { cwd: dir });
    expect(res.code).toBe(2);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      cards: { outcome: string; requests: unknown[] }[];
    };
    expect(results.cards.map((c) => c.outcome)).toEqual(['errored', 'errored', 'errored', 'errored', 'errored']);
    expect(echo.seen.slice(before)).toEqual([]);
  }, 15_000);
});

const spec = (p: string): RequestSpec => ({ method: 'GET', path: p, line: 7 }) as unknown as RequestSpec;

describe('run-time checks, on values filled in and on the final URL', () => {
  it('a filled-in path holding CR/LF/TAB is refused before sending', () => {
    for (const p of ['/.\n./.\n./s/whoami', '/.\r./s', '/a\t/b'])
      expect(() => assertSafePath(spec('/{{x}}'), p)).toThrow(/nothing was sent/);
  });

  it('a header Host, Connection, Upgrade, TE, Trailer, Keep-Alive or Proxy-* is refused', () => {
    for (const h of ['Host', 'connection', 'Upgrade', 'TE', 'Trailer', 'Keep-Alive', 'Proxy-Foo'])
      expect(() => assertSafeHeaders(spec('/x'), { [h]: 'v' })).toThrow(/cannot be set by a card/);
    expect(() => assertSafeHeaders(spec('/x'), { 'X-Ok': 'v' })).not.toThrow();
  });

  it('the final URL must be on the base origin and under the base path', () => {
    const req = (p: string) => ({ baseUrl: 'http://127.0.0.1:1/api/v1', method: 'GET', path: p, headers: {} });
    expect(() => assertInsideBase(req('/things/1'))).not.toThrow();
    expect(() => assertInsideBase(req('/a#/../../../s/whoami'))).toThrow(
      /resolves to \/s\/whoami, outside .* \/api\/v1\//,
    );
    expect(() => assertInsideBase(req('/.\n./.\n./s/whoami'))).toThrow(/outside the target's base path/);
    expect(() => assertInsideBase(req('/%2e%2e/%2e%2e/v1x'))).toThrow(/outside/);
  });
});
