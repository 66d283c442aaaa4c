import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EchoServer } from '../../test/support/echo-server.js';
import { startEchoServer } from '../../test/support/echo-server.js';
import { card, writeCards } from '../../test/support/temp-cards.js';
import { defaultConfig } from '../config/load-config.js';
import { runCards } from '../runner/run-cards.js';
import type { Sandbox } from '../sandbox/server.js';
import { startSandbox } from '../sandbox/server.js';

let sandbox: Sandbox;
let echo: EchoServer;
let account: { client_id: string; client_secret: string };
beforeAll(async () => {
  sandbox = await startSandbox();
  echo = await startEchoServer();
  const res = await fetch(`${sandbox.apis.youhodler}/service-accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.env.YOUHODLER_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'profile test' }),
  });
  account = (await res.json()) as typeof account;
});
afterAll(async () => {
  await echo.close();
  await sandbox.close();
});

describe('auth profiles', () => {
  it('an OAuth2 client-credentials profile obtains its token once and sends it on every request', async () => {
    const config = defaultConfig();
    config.targets.both = {
      name: 'both',
      apis: { echo: `${echo.url}/api`, youhodler: sandbox.apis.youhodler },
      embedded: false,
      production: false,
      line: 0,
    };
    config.profiles.svc = {
      type: 'oauth2-client-credentials',
      api: 'youhodler',
      tokenPath: '/oauth/token',
      clientId: '{{env.SVC_ID}}',
      clientSecret: '{{env.SVC_SECRET}}',
      clientAuth: 'basic',
    };
    config.profiles.rc = { type: 'headers', headers: { 'X-Auth-Token': '{{env.RC_TOKEN}}', 'X-User-Id': 'u1' } };
    config.folders['.'] = { api: 'echo', auth: 'svc' };
    const dir = await writeCards({
      'a.md': card({ endpoint: 'GET /a', request: { method: 'GET', path: '/a' } }),
      'b.md': card({ endpoint: 'GET /b', request: { method: 'GET', path: '/b' } }),
      'c.md': card({ endpoint: 'GET /c', request: { method: 'GET', path: '/c', auth: 'rc' } }),
      'd.md': card({ endpoint: 'GET /d', request: { method: 'GET', path: '/d', auth: 'none' } }),
    });
    const before = sandbox.stats().requests['POST /youhodler/oauth/token'] ?? 0;
    const result = await runCards({
      paths: ['.'],
      cwd: dir,
      target: 'both',
      config,
      env: { SVC_ID: account.client_id, SVC_SECRET: account.client_secret, RC_TOKEN: 'rc-token-123' },
    });
    expect(result.cards.map((c) => c.outcome)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect((sandbox.stats().requests['POST /youhodler/oauth/token'] ?? 0) - before).toBe(1);
    const auth = (p: string) => echo.seen.find((s) => s.url === p)?.headers;
    expect(auth('/api/a')?.authorization).toMatch(/^Bearer eyJ/);
    expect(auth('/api/b')?.authorization).toBe(auth('/api/a')?.authorization);
    expect(auth('/api/c')).toMatchObject({ 'x-auth-token': 'rc-token-123', 'x-user-id': 'u1' });
    expect(auth('/api/c')?.authorization).toBeUndefined();
    expect(auth('/api/d')?.authorization).toBeUndefined();
  });

  it('names a profile whose env variable is missing, before sending anything', async () => {
    const config = defaultConfig();
    config.targets.e = { name: 'e', apis: { echo: echo.url }, embedded: false, production: false, line: 0 };
    config.profiles.dir = { type: 'bearer', token: '{{env.NOT_SET_ANYWHERE}}' };
    const dir = await writeCards({
      'a.md': card({ endpoint: 'GET /zz', request: { method: 'GET', path: '/zz', auth: 'dir' } }),
    });
    const result = await runCards({ paths: ['.'], cwd: dir, target: 'e', config, env: {} });
    expect(result.cards[0]?.outcome).toBe('errored');
    expect(result.cards[0]?.reason).toMatch(
      /auth profile "dir" needs the environment variable NOT_SET_ANYWHERE, which is not set/,
    );
    expect(echo.seen.some((s) => s.url === '/zz')).toBe(false);
  });
});
