import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../server.js';
import { startSandbox } from '../../server.js';

let now = Date.parse('2026-01-01T00:00:00Z');
let sandbox: Sandbox;
let base: string;
let auth: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: () => now, vcita: { codeTtlMs: 30_000 } });
  base = sandbox.apis.vcita;
  auth = { authorization: `Bearer ${sandbox.env.DIRECTORY_TOKEN}`, 'content-type': 'application/json' };
});
afterAll(() => sandbox.close());

const REDIRECT = 'https://myapp.example.com/oauth/callback';
let seq = 0;
async function createApp() {
  const res = await fetch(`${base}/platform/v1/apps`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'A', app_code_name: `app${++seq}`, redirect_uri: REDIRECT }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: { client_id: string; client_secret: string } }).data;
}

/** Walk the consent page like a browser would: GET the form, POST allow, read the redirect. */
async function authorize(clientId: string, decision = 'allow') {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: 'openid',
    state: 'xyz',
  });
  const page = await fetch(`${base}/oauth/authorize?${q}`);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  const html = await page.text();
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const form = new URLSearchParams({
    csrf_token: csrf,
    username: 'demo@sandbox.test',
    password: 'sandbox-password',
    decision,
  });
  const res = await fetch(`${base}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

const exchange = (body: Record<string, string>) =>
  fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('vcita apps', () => {
  it('requires the directory token', async () => {
    const res = await fetch(`${base}/platform/v1/apps`);
    expect(res.status).toBe(401);
  });

  it('rejects a reused app_code_name and shows the secret only once', async () => {
    const app = await createApp();
    const again = await fetch(`${base}/platform/v1/apps`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'B', app_code_name: `app${seq}`, redirect_uri: REDIRECT }),
    });
    expect(again.status).toBe(409);
    const listed = (await (await fetch(`${base}/platform/v1/apps`, { headers: auth })).json()) as {
      data: Record<string, unknown>[];
    };
    expect(listed.data.find((a) => a.client_id === app.client_id)).not.toHaveProperty('client_secret');
    expect(JSON.stringify(listed)).not.toContain(app.client_secret);
  });
});

describe('vcita OAuth', () => {
  it('issues a service token for the right secret only', async () => {
    const app = await createApp();
    const ok = await fetch(`${base}/oauth/service/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service_id: app.client_id, service_secret: app.client_secret }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const bad = await fetch(`${base}/oauth/service/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service_id: app.client_id, service_secret: 'wrong' }),
    });
    expect(bad.status).toBe(401);
  });

  it('exchanges a code once; a replay fails', async () => {
    const app = await createApp();
    const back = await authorize(app.client_id);
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code') ?? '';
    const body = {
      grant_type: 'authorization_code',
      client_id: app.client_id,
      client_secret: app.client_secret,
      code,
      redirect_uri: REDIRECT,
    };
    const first = await exchange(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ token_type: 'Bearer' });
    const second = await exchange(body);
    expect(second.status).toBe(400);
    expect(await second.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('accepts form-urlencoded token requests with HTTP Basic client auth', async () => {
    const app = await createApp();
    const code = (await authorize(app.client_id)).searchParams.get('code') ?? '';
    const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64');
    const res = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
    });
    expect(res.status).toBe(200);
  });

  it('refuses an expired code and a redirect_uri that does not match exactly', async () => {
    const app = await createApp();
    const code = (await authorize(app.client_id)).searchParams.get('code') ?? '';
    const mismatch = await exchange({
      grant_type: 'authorization_code',
      client_id: app.client_id,
      client_secret: app.client_secret,
      code,
      redirect_uri: `${REDIRECT}/`,
    });
    expect(await mismatch.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/redirect_uri/),
    });
    const code2 = (await authorize(app.client_id)).searchParams.get('code') ?? '';
    now += 31_000;
    const expired = await exchange({
      grant_type: 'authorization_code',
      client_id: app.client_id,
      client_secret: app.client_secret,
      code: code2,
      redirect_uri: REDIRECT,
    });
    expect(await expired.json()).toMatchObject({
      error: 'invalid_grant',
      error_description: 'the authorization code expired',
    });
  });

  it('redirects a denial with access_denied', async () => {
    const app = await createApp();
    const back = await authorize(app.client_id, 'deny');
    expect(back.searchParams.get('error')).toBe('access_denied');
  });

  it('rejects client_credentials with an OAuth error body', async () => {
    const app = await createApp();
    const res = await exchange({
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });
});
