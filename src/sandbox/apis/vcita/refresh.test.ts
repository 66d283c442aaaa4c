import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, manualClock } from '../../../../test/support/sandbox.js';
import type { Sandbox } from '../../server.js';
import { startSandbox } from '../../server.js';

const time = manualClock();
let sandbox: Sandbox;
let base: string;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: time.clock, vcita: { refreshTokenTtlMs: 3600_000 } });
  base = sandbox.apis.vcita;
});
afterAll(() => sandbox.close());

const REDIRECT = 'https://myapp.example.com/oauth/callback';
let seq = 0;
interface Client {
  client_id: string;
  client_secret: string;
}
interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
}

async function createApp(): Promise<Client> {
  const res = await fetch(
    `${base}/platform/v1/apps`,
    json(
      { name: 'R', app_code_name: `refresh${++seq}`, redirect_uri: REDIRECT, scopes: ['openid', 'clients:read'] },
      { authorization: `Bearer ${sandbox.env.DIRECTORY_TOKEN}` },
    ),
  );
  return ((await res.json()) as { data: Client }).data;
}

/** Consent as a browser would, then exchange the code. */
async function codeFor(app: Client): Promise<string> {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: REDIRECT,
    scope: 'openid clients:read',
    state: 's',
  });
  const csrf =
    /name="csrf_token" value="([^"]+)"/.exec(await (await fetch(`${base}/oauth/authorize?${q}`)).text())?.[1] ?? '';
  const res = await fetch(`${base}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({
      csrf_token: csrf,
      username: 'demo@sandbox.test',
      password: 'sandbox-password',
      decision: 'allow',
    }),
  });
  return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

const token = (app: Client, body: Record<string, string>) =>
  fetch(`${base}/oauth/token`, json({ client_id: app.client_id, client_secret: app.client_secret, ...body }));
const exchange = (app: Client, code: string) =>
  token(app, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
const refresh = (app: Client, refreshToken: string, extra: Record<string, string> = {}) =>
  token(app, { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra });

describe('vcita refresh_token grant', () => {
  it('authorization_code issues a refresh token; refreshing rotates it', async () => {
    const app = await createApp();
    const first = (await (await exchange(app, await codeFor(app))).json()) as Tokens;
    expect(first).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid clients:read',
      refresh_token: expect.stringMatching(/^rt_/),
    });
    const res = await refresh(app, first.refresh_token);
    expect(res.status).toBe(200);
    const second = (await res.json()) as Tokens;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(sandbox.issuedSecrets()).toEqual(expect.arrayContaining([first.refresh_token, second.refresh_token]));
    const narrowed = await refresh(app, second.refresh_token, { scope: 'openid' });
    expect(await narrowed.json()).toMatchObject({ scope: 'openid' });
  });

  it('reusing a rotated refresh token fails and revokes the whole grant', async () => {
    const app = await createApp();
    const first = (await (await exchange(app, await codeFor(app))).json()) as Tokens;
    const second = (await (await refresh(app, first.refresh_token)).json()) as Tokens;
    const reuse = await refresh(app, first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'the refresh token was already used; the grant is revoked',
    });
    expect(await (await refresh(app, second.refresh_token)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'the refresh token was revoked',
    });
  });

  it('a replayed authorization code revokes the refresh token it issued', async () => {
    const app = await createApp();
    const code = await codeFor(app);
    const first = (await (await exchange(app, code)).json()) as Tokens;
    expect((await exchange(app, code)).status).toBe(400);
    const res = await refresh(app, first.refresh_token);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'the refresh token was revoked' });
  });

  it('refuses another client, a wider scope, and an expired refresh token', async () => {
    const app = await createApp();
    const other = await createApp();
    const first = (await (await exchange(app, await codeFor(app))).json()) as Tokens;
    expect(await (await refresh(other, first.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' });
    expect(await (await refresh(app, first.refresh_token, { scope: 'openid admin' })).json()).toEqual({
      error: 'invalid_scope',
      error_description: 'scope exceeds the original grant: admin',
    });
    expect(await (await refresh(app, 'rt_forged')).json()).toMatchObject({ error: 'invalid_grant' });
    expect(await (await token(app, { grant_type: 'refresh_token' })).json()).toEqual({
      error: 'invalid_request',
      error_description: 'refresh_token is required',
    });
    time.advance(3600_000);
    expect(await (await refresh(app, first.refresh_token)).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'the refresh token expired',
    });
  });
});
