import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EchoServer } from '../../test/support/echo-server.js';
import { startEchoServer } from '../../test/support/echo-server.js';
import { card, writeCards } from '../../test/support/temp-cards.js';
import { defaultConfig } from '../config/load-config.js';
import { runCards } from '../runner/run-cards.js';

let echo: EchoServer;
beforeAll(async () => {
  echo = await startEchoServer();
});
afterAll(() => echo.close());
beforeEach(() => {
  echo.seen.length = 0;
});

const run = async (text: string, env: Record<string, string>, config = defaultConfig()) => {
  const dir = await writeCards({ 'c.md': text });
  return runCards({ paths: ['.'], cwd: dir, target: `${echo.url}/api`, env, config, seed: 1 });
};
const getCard = (path: string) => card({ endpoint: `GET ${path}`, request: { method: 'GET', path } });

describe('values cannot make a request leave the target', () => {
  it.each([
    ['../../admin', '/api/apps/..%2F..%2Fadmin'],
    ['http://evil.example/x', '/api/apps/http%3A%2F%2Fevil.example%2Fx'],
    ['//evil.example', '/api/apps/%2F%2Fevil.example'],
    ['a?admin=1#frag', '/api/apps/a%3Fadmin%3D1%23frag'],
  ])('a value %j stays one segment under the base path', async (value, sent) => {
    const result = await run(getCard('/apps/{{env.APP_ID}}'), { APP_ID: value });
    expect(result.cards[0]?.outcome).toBe('passed');
    // One request, to the echo server's own host, under /api.
    expect(echo.seen.map((s) => [s.url, s.headers.host])).toEqual([[sent, new URL(echo.url).host]]);
  });

  it.each(['..', '.'])(
    'a value %j, which a URL parser would read as a dot segment, errors the card; nothing is sent',
    async (value) => {
      const result = await run(getCard('/apps/{{env.APP_ID}}/settings'), { APP_ID: value });
      const c = result.cards[0];
      expect(c?.outcome).toBe('errored');
      expect(c?.reason).toBe(
        `the path of GET /apps/{{env.APP_ID}}/settings (line 10) leaves the path it names once filled in: the segment "{{env.APP_ID}}" becomes "${value}"; nothing was sent`,
      );
      expect(echo.seen).toEqual([]);
      expect(result.summary.errored).toBe(1);
    },
  );

  it('a value spelling the dots encoded (%2e%2e) is encoded once more, so it stays an ordinary segment', async () => {
    const result = await run(getCard('/apps/{{env.APP_ID}}/settings'), { APP_ID: '%2e%2e' });
    expect(result.cards[0]?.outcome).toBe('passed');
    expect(echo.seen.map((s) => s.url)).toEqual(['/api/apps/%252e%252e/settings']);
  });
});

describe('header values with line breaks', () => {
  const injected = 'abc\r\nX-Injected: yes';
  const secret = 'tok-4f1c9e2b7a\nsecond-line';

  it('errors the card naming the header, without showing the value, and sends nothing', async () => {
    const text = card({
      endpoint: 'GET /apps',
      request: { method: 'GET', path: '/apps', headers: { 'X-Trace': 'id-{{env.TRACE}}' } },
    });
    const result = await run(text, { TRACE: injected });
    const c = result.cards[0];
    expect(c?.outcome).toBe('errored');
    expect(c?.reason).toMatch(
      /^header "x-trace" of GET \/apps \(line \d+\) holds a line break \(CR or LF\) once filled in, so it was not sent \(its value is not shown\)/,
    );
    expect(JSON.stringify(result)).not.toContain('X-Injected');
    expect(echo.seen).toEqual([]);
  });

  it('catches a token with a trailing newline in an auth profile the same way', async () => {
    const config = defaultConfig();
    config.profiles.api = { type: 'bearer', token: '{{env.API_TOKEN}}' };
    config.folders['.'] = { auth: 'api' };
    const result = await run(
      card({ endpoint: 'GET /apps', request: { method: 'GET', path: '/apps' } }),
      { API_TOKEN: secret },
      config,
    );
    const c = result.cards[0];
    expect(c?.outcome).toBe('errored');
    expect(c?.reason).toMatch(/^header "authorization" of GET \/apps/);
    const all = JSON.stringify(result);
    expect(all).not.toContain('tok-4f1c9e2b7a');
    expect(all).not.toContain('second-line');
    expect(echo.seen).toEqual([]);
  });
});
