import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, manualClock } from '../../../../test/support/sandbox.js';
import type { Sandbox } from '../../server.js';
import { startSandbox } from '../../server.js';

const time = manualClock();
let sandbox: Sandbox;
let base: string;
let admin: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: time.clock });
  base = sandbox.apis.youhodler;
  admin = { authorization: `Bearer ${sandbox.env.YOUHODLER_ADMIN_TOKEN}` };
});
afterAll(() => sandbox.close());

interface Created {
  id: string;
  client_id: string;
  client_secret: string;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function createAccount(body: Record<string, unknown> = { name: 'payouts-bot' }): Promise<Created> {
  const res = await fetch(`${base}/service-accounts`, json(body, admin));
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}
const token = (clientId: string, secret: string) =>
  fetch(`${base}/oauth/token`, json({ client_id: clientId, client_secret: secret, grant_type: 'client_credentials' }));

describe('service accounts', () => {
  it('401 without the admin token, in the { code, message } shape', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const res = await fetch(`${base}/service-accounts`, json({ name: 'x' }, headers));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'unauthorized', message: 'Authentication is required.' });
    }
  });

  it('creates with uuid id and client_id, shows the secret once, never on get', async () => {
    const created = await createAccount({
      name: 'payouts-bot',
      capabilities: ['wallets:read', 'payouts:write'],
      token_rate_limit_per_minute: 5,
    });
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      client_id: expect.stringMatching(UUID),
      name: 'payouts-bot',
      capabilities: ['wallets:read', 'payouts:write'],
      status: 'active',
      token_rate_limit_per_minute: 5,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      client_secret: expect.stringMatching(/^cs_sandbox_/),
    });
    const got = await fetch(`${base}/service-accounts/${created.id}`, { headers: admin });
    expect(got.status).toBe(200);
    const text = await got.text();
    expect(JSON.parse(text)).not.toHaveProperty('client_secret');
    expect(text).not.toContain(created.client_secret);
  });

  it('400 invalid_request with a reason for bad bodies; 404 not_found for unknown ids', async () => {
    const cases: [unknown, string][] = [
      [{}, 'missing_name'],
      [{ name: 'x', capabilities: 'all' }, 'invalid_capabilities'],
      [{ name: 'x', token_rate_limit_per_minute: 0 }, 'invalid_token_rate_limit'],
      [[1], 'malformed_body'],
    ];
    for (const [body, reason] of cases) {
      const res = await fetch(`${base}/service-accounts`, json(body, admin));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        code: 'invalid_request',
        details: { reason },
        message: 'Request is invalid.',
      });
    }
    const res = await fetch(`${base}/service-accounts/00000000-0000-4000-8000-000000000000`, { headers: admin });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'not_found', message: 'Service account not found.' });
  });

  it('rotate-secret: the old secret fails afterwards, the new one works and is shown once', async () => {
    const created = await createAccount();
    expect((await token(created.client_id, created.client_secret)).status).toBe(200);
    const rotated = await fetch(`${base}/service-accounts/${created.id}/rotate-secret`, {
      method: 'POST',
      headers: admin,
    });
    expect(rotated.status).toBe(200);
    const { client_secret: fresh } = (await rotated.json()) as Created;
    expect(fresh).not.toBe(created.client_secret);
    const old = await token(created.client_id, created.client_secret);
    expect(old.status).toBe(401);
    expect(await old.json()).toEqual({ code: 'invalid_client', message: 'Client authentication failed.' });
    expect((await token(created.client_id, fresh)).status).toBe(200);
    expect(await (await fetch(`${base}/service-accounts/${created.id}`, { headers: admin })).text()).not.toContain(
      fresh,
    );
  });

  it('disable: 422 not_admissible on the token endpoint', async () => {
    const created = await createAccount();
    const disabled = await fetch(`${base}/service-accounts/${created.id}/disable`, { method: 'POST', headers: admin });
    expect(await disabled.json()).toMatchObject({ id: created.id, status: 'disabled' });
    const res = await token(created.client_id, created.client_secret);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      code: 'not_admissible',
      details: { reason: 'not_applicable' },
      message: 'Request is not admissible.',
    });
  });

  it('delete: 204, then 404, and the live count drops', async () => {
    const created = await createAccount();
    const live = sandbox.stats().live['service-account'] ?? 0;
    const del = await fetch(`${base}/service-accounts/${created.id}`, { method: 'DELETE', headers: admin });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    expect(sandbox.stats().live['service-account']).toBe(live - 1);
    expect((await fetch(`${base}/service-accounts/${created.id}`, { method: 'DELETE', headers: admin })).status).toBe(
      404,
    );
    expect((await token(created.client_id, created.client_secret)).status).toBe(401);
  });
});
