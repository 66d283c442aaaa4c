import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, manualClock } from '../../../../test/support/sandbox.js';
import type { Sandbox } from '../../server.js';
import { startSandbox } from '../../server.js';

const time = manualClock();
let sandbox: Sandbox;
let base: string;
let admin: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: time.clock, youhodler: { tokenRateLimitPerMinute: 1000 } });
  base = sandbox.apis.youhodler;
  admin = { authorization: `Bearer ${sandbox.env.YOUHODLER_ADMIN_TOKEN}` };
});
afterAll(() => sandbox.close());

interface Account {
  id: string;
  client_id: string;
  client_secret: string;
}
async function createAccount(extra: Record<string, unknown> = {}): Promise<Account> {
  return (await (
    await fetch(
      `${base}/service-accounts`,
      json({ name: 'bot', capabilities: ['wallets:read', 'payouts:write'], ...extra }, admin),
    )
  ).json()) as Account;
}
const tokenRequest = (a: Account, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  fetch(
    `${base}/oauth/token`,
    json(
      { client_id: a.client_id, client_secret: a.client_secret, grant_type: 'client_credentials', ...extra },
      headers,
    ),
  );
const introspect = async (token: string) =>
  (await (await fetch(`${base}/oauth/introspect`, json({ token }, admin))).json()) as Record<string, unknown>;

describe('POST /oauth/token (seed 003)', () => {
  it("200: the seed's body, keys in its order, with a signed JWT that expires", async () => {
    const a = await createAccount();
    const res = await tokenRequest(a);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['access_token', 'expires_in', 'issued_token_type', 'token_type']);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/),
      expires_in: 3600,
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
    });
    const accessToken = String(body.access_token);
    expect(sandbox.issuedSecrets()).toContain(accessToken);
    expect(await introspect(accessToken)).toMatchObject({
      active: true,
      client_id: a.client_id,
      scope: 'wallets:read payouts:write',
    });
    time.advance(3600_000);
    expect(await introspect(accessToken)).toEqual({ active: false });
    expect(await introspect('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiOGUyZjFhMCJ9.sig')).toEqual({ active: false });
  });

  it('accepts form-urlencoded bodies and HTTP Basic client authentication', async () => {
    const a = await createAccount();
    const basic = Buffer.from(`${a.client_id}:${a.client_secret}`).toString('base64');
    const res = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'wallets:read' }),
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    expect(await introspect(access_token)).toMatchObject({ scope: 'wallets:read' });
  });

  it('400 invalid_request with a reason for each malformed request', async () => {
    const a = await createAccount();
    const cases: [Record<string, unknown>, string][] = [
      [{ grant_type: undefined }, 'missing_grant_type'],
      [{ grant_type: 'password' }, 'unsupported_grant_type'],
      [{ client_secret: undefined }, 'missing_client_credentials'],
      [{ scope: ['x'] }, 'malformed_scope'],
      [{ scope: 'wallets:read trading:write' }, 'capability_scope_mismatch'],
    ];
    for (const [extra, reason] of cases) {
      const res = await tokenRequest(a, extra);
      expect(res.status, reason).toBe(400);
      expect(await res.json()).toEqual({
        code: 'invalid_request',
        details: { reason },
        message: 'Request is invalid.',
      });
    }
    const broken = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    });
    expect(await broken.json()).toEqual({
      code: 'invalid_request',
      details: { reason: 'malformed_body' },
      message: 'Request is invalid.',
    });
  });

  it('401 invalid_client for a wrong secret or an unknown client (beyond the seed)', async () => {
    const a = await createAccount();
    for (const wrong of [
      { ...a, client_secret: 'cs_live_abc123placeholder' },
      { ...a, client_id: 'b8e2f1a0-4c3d-4e5f-9a1b-2c3d4e5f6a7b' },
    ]) {
      const res = await tokenRequest(wrong);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'invalid_client', message: 'Client authentication failed.' });
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response byte for byte for the same payload, without issuing again', async () => {
    const a = await createAccount();
    const key = { 'idempotency-key': `k-${a.id}` };
    const first = await tokenRequest(a, {}, key);
    const firstText = await first.text();
    const issued = sandbox.issuedSecrets().length;
    // Same payload in another key order is still the same payload.
    const again = await fetch(
      `${base}/oauth/token`,
      json({ grant_type: 'client_credentials', client_secret: a.client_secret, client_id: a.client_id }, key),
    );
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstText);
    expect(sandbox.issuedSecrets().length).toBe(issued);
  });

  it('409 idempotency_conflict when the key comes back with another payload', async () => {
    const a = await createAccount();
    const key = { 'idempotency-key': `k-${a.id}` };
    expect((await tokenRequest(a, {}, key)).status).toBe(200);
    const res = await tokenRequest(a, { scope: 'wallets:read' }, key);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      code: 'idempotency_conflict',
      details: { reason: 'key_payload_mismatch' },
      message: 'Idempotency key conflict.',
    });
  });

  it('replays client errors too, but forgets a 429 so the retry is processed afresh', async () => {
    const a = await createAccount({ token_rate_limit_per_minute: 1 });
    const wrong = await tokenRequest({ ...a, client_secret: 'nope' }, {}, { 'idempotency-key': `bad-${a.id}` });
    const replay = await tokenRequest({ ...a, client_secret: 'nope' }, {}, { 'idempotency-key': `bad-${a.id}` });
    expect([wrong.status, replay.status]).toEqual([401, 401]);
    expect(await replay.text()).toBe(await wrong.text());

    const key = { 'idempotency-key': `rl-${a.id}` };
    expect((await tokenRequest(a)).status).toBe(200);
    expect((await tokenRequest(a, {}, key)).status).toBe(429);
    time.advance(60_000);
    const retried = await tokenRequest(a, {}, key);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('rate limiting (per client, sliding minute)', () => {
  it('429 rate_limited with retry_after_ms and Retry-After; other clients are unaffected; the window slides', async () => {
    const a = await createAccount({ token_rate_limit_per_minute: 2 });
    const b = await createAccount({ token_rate_limit_per_minute: 2 });
    expect((await tokenRequest(a)).status).toBe(200);
    time.advance(10_000);
    expect((await tokenRequest(a)).status).toBe(200);
    time.advance(5_000);
    const limited = await tokenRequest(a);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(await limited.json()).toEqual({
      code: 'rate_limited',
      details: { retry_after_ms: 45_000 },
      message: 'Too many requests.',
    });
    expect((await tokenRequest(b)).status).toBe(200);
    time.advance(45_000);
    expect((await tokenRequest(a)).status).toBe(200);
  });

  it('the sandbox-wide limit applies when the account sets none', async () => {
    const strict = await startSandbox({ clock: time.clock, youhodler: { tokenRateLimitPerMinute: 1 } });
    try {
      const headers = json({ name: 'x' }, { authorization: `Bearer ${strict.env.YOUHODLER_ADMIN_TOKEN}` });
      const a = (await (await fetch(`${strict.apis.youhodler}/service-accounts`, headers)).json()) as Account;
      const send = () =>
        fetch(
          `${strict.apis.youhodler}/oauth/token`,
          json({ client_id: a.client_id, client_secret: a.client_secret, grant_type: 'client_credentials' }),
        );
      expect((await send()).status).toBe(200);
      expect((await send()).status).toBe(429);
    } finally {
      await strict.close();
    }
  });
});

describe('502 and 503, as a card asks for them (x-sandbox-fault)', () => {
  it("answers with the seed's bodies before touching the account", async () => {
    const a = await createAccount();
    const issued = sandbox.issuedSecrets().length;
    const bad = await tokenRequest(a, {}, { 'x-sandbox-fault': 'status=502' });
    expect(bad.status).toBe(502);
    expect(await bad.json()).toEqual({
      code: 'upstream_error',
      message: 'An upstream service returned an unexpected error.',
    });
    const down = await tokenRequest(a, {}, { 'x-sandbox-fault': 'status=503' });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('1');
    expect(await down.json()).toEqual({
      code: 'temporarily_unavailable',
      details: { reason: 'federation_discovery_failed' },
      message: 'Service is temporarily unavailable.',
    });
    expect(sandbox.issuedSecrets().length).toBe(issued);
  });
});
