import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../server.js';
import { startSandbox } from '../../server.js';

const VERIFIER = 'a-verifier-of-at-least-forty-three-characters-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const REDIRECT = 'https://client.example/cb';

let s: Sandbox;
beforeEach(async () => {
  s = await startSandbox();
});
afterEach(() => s.close());

const basic = () => `Basic ${Buffer.from(`${s.env.OAUTH_CLIENT_ID}:${s.env.OAUTH_CLIENT_SECRET}`).toString('base64')}`;
const form = (path: string, body: Record<string, string>, auth: string | null = basic()) =>
  fetch(`${s.apis.oauth}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
    body: new URLSearchParams(body).toString(),
  });
const authorizeQuery = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: 'code',
    client_id: s.env.OAUTH_CLIENT_ID ?? '',
    redirect_uri: REDIRECT,
    state: 'st-1',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
const signIn = (query: string, body: Record<string, string>) => form(`/authorize?${query}`, body, null);
const person = () => ({ username: s.env.OAUTH_USERNAME ?? '', password: s.env.OAUTH_PASSWORD ?? '' });

async function code(): Promise<string> {
  const res = await signIn(authorizeQuery(), { ...person(), decision: 'allow' });
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get('location') ?? '');
  expect(to.origin + to.pathname).toBe(REDIRECT);
  expect(to.searchParams.get('state')).toBe('st-1');
  return to.searchParams.get('code') ?? '';
}

const exchange = (c: string, verifier = VERIFIER) =>
  form('/token', { grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, code_verifier: verifier });

describe('oauth sandbox: authorization page and code flow', () => {
  it('shows a sign-in page with the fields run --browser fills in; a wrong password shows it again', async () => {
    const page = await fetch(`${s.apis.oauth}/authorize?${authorizeQuery()}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const id of ['username', 'password', 'allow', 'deny']) expect(html).toContain(`id="${id}"`);
    const wrong = await signIn(authorizeQuery(), { ...person(), password: 'nope', decision: 'allow' });
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('Wrong username or password.');
  });

  it('refuses PKCE plain and an unknown redirect URI; deny redirects with access_denied', async () => {
    const plain = await fetch(
      `${s.apis.oauth}/authorize?${authorizeQuery({ code_challenge: VERIFIER, code_challenge_method: 'plain' })}`,
      { redirect: 'manual' },
    );
    expect(plain.status).toBe(302);
    expect(new URL(plain.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
    const elsewhere = await fetch(
      `${s.apis.oauth}/authorize?${authorizeQuery({ redirect_uri: 'https://evil.example/' })}`,
      {
        redirect: 'manual',
      },
    );
    expect(elsewhere.status).toBe(400);
    const deny = await signIn(authorizeQuery(), { ...person(), decision: 'deny' });
    expect(new URL(deny.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });

  it('exchanges a code once with the right verifier; a replay is refused and revokes what it issued', async () => {
    const c = await code();
    expect((await exchange(c, `${VERIFIER}x`)).status).toBe(400);
    const first = await exchange(c);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const tokens = (await first.json()) as { access_token: string; refresh_token: string };
    const again = await exchange(c);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
    const seen = await form('/introspect', { token: tokens.access_token });
    expect(await seen.json()).toEqual({ active: false });
  });

  it('rotates refresh tokens: each works once', async () => {
    const tokens = (await (await exchange(await code())).json()) as { refresh_token: string };
    const refresh = () => form('/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect((await refresh()).status).toBe(200);
    const reused = await refresh();
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('oauth sandbox: registration, introspection, resource', () => {
  it('a deleted registration answers 401 to its token, and its client can no longer get tokens', async () => {
    const reg = (await (
      await fetch(`${s.apis.oauth}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [REDIRECT], grant_types: ['client_credentials'] }),
      })
    ).json()) as Record<string, string>;
    const manage = (method: string) =>
      fetch(reg.registration_client_uri ?? '', {
        method,
        headers: { authorization: `Bearer ${reg.registration_access_token}` },
      });
    expect((await manage('GET')).status).toBe(200);
    expect((await manage('DELETE')).status).toBe(204);
    const gone = await manage('GET');
    expect(gone.status).toBe(401);
    expect(gone.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const own = `Basic ${Buffer.from(`${reg.client_id}:${reg.client_secret}`).toString('base64')}`;
    expect((await form('/token', { grant_type: 'client_credentials' }, own)).status).toBe(401);
    expect(s.stats().live['oauth-client']).toBe(0);
  });

  it('a client gets only the grant types it registered (default: authorization_code, refresh_token)', async () => {
    const reg = (await (
      await fetch(`${s.apis.oauth}/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [REDIRECT] }),
      })
    ).json()) as Record<string, string>;
    const own = `Basic ${Buffer.from(`${reg.client_id}:${reg.client_secret}`).toString('base64')}`;
    const res = await form('/token', { grant_type: 'client_credentials' }, own);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it('introspection needs client authentication; the resource takes an active token only', async () => {
    const { access_token } = (await (await form('/token', { grant_type: 'client_credentials' })).json()) as {
      access_token: string;
    };
    expect((await form('/introspect', { token: access_token }, null)).status).toBe(401);
    const resource = (auth?: string) =>
      fetch(`${s.apis.oauth}/resource`, { headers: auth ? { authorization: auth } : {} });
    expect((await resource(`Bearer ${access_token}`)).status).toBe(200);
    expect((await resource()).headers.get('www-authenticate')).toBe('Bearer realm="oauth-sandbox"');
    expect((await form('/revoke', { token: access_token })).status).toBe(200);
    const revoked = await resource(`Bearer ${access_token}`);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});
