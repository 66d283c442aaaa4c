import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, manualClock } from '../../../../test/support/sandbox.js';
import type { Sandbox } from '../../server.js';
import { startSandbox } from '../../server.js';

const time = manualClock(Date.parse('2024-01-17T13:30:41.521Z'));
let sandbox: Sandbox;
let base: string;
let admin: Record<string, string>;
let limited: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox({ clock: time.clock });
  base = `${sandbox.apis.rocketchat}/api/v1`;
  admin = {
    'x-auth-token': sandbox.env.ROCKETCHAT_AUTH_TOKEN ?? '',
    'x-user-id': sandbox.env.ROCKETCHAT_USER_ID ?? '',
  };
  limited = {
    'x-auth-token': sandbox.env.ROCKETCHAT_LIMITED_AUTH_TOKEN ?? '',
    'x-user-id': sandbox.env.ROCKETCHAT_LIMITED_USER_ID ?? '',
  };
});
afterAll(() => sandbox.close());

const SEED_BODY = { name: 'test-oauth-app', redirectUri: 'https://testuri.com', active: true };
const create = (body: unknown, headers = admin) => fetch(`${base}/oauth-apps.create`, json(body, headers));

describe('POST /api/v1/oauth-apps.create (seed 002)', () => {
  it('200: the application, its secret once, and success: true, keys in the seed order', async () => {
    const res = await create(SEED_BODY);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { application: Record<string, unknown>; success: boolean };
    expect(Object.keys(body)).toEqual(['application', 'success']);
    expect(Object.keys(body.application)).toEqual([
      'name',
      'redirectUri',
      'active',
      'clientId',
      'clientSecret',
      '_createdAt',
      '_updatedAt',
      '_createdBy',
      '_id',
    ]);
    expect(body).toEqual({
      application: {
        ...SEED_BODY,
        clientId: expect.stringMatching(/^[23456789A-Za-z]{17}$/),
        clientSecret: expect.stringMatching(/^[\w-]{43}$/),
        _createdAt: '2024-01-17T13:30:41.521Z',
        _updatedAt: '2024-01-17T13:30:41.521Z',
        _createdBy: { _id: sandbox.env.ROCKETCHAT_USER_ID, username: 'sandbox.admin' },
        _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      },
      success: true,
    });
    expect(sandbox.issuedSecrets()).toContain(body.application.clientSecret);
  });

  it.each(['name', 'active', 'redirectUri'])("400 when '%s' is missing, in the seed's words", async (missing) => {
    const body: Record<string, unknown> = { ...SEED_BODY };
    delete body[missing];
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      success: false,
      error: `must have required property '${missing}' [invalid-params]`,
      errorType: 'invalid-params',
    });
  });

  it('400 invalid-params for wrong types and unknown properties', async () => {
    const cases: [unknown, string][] = [
      [{ ...SEED_BODY, active: 'yes' }, 'must be boolean'],
      [{ ...SEED_BODY, name: 42 }, 'must be string'],
      [{ ...SEED_BODY, extra: 1 }, 'must NOT have additional properties'],
    ];
    for (const [body, message] of cases) {
      const res = await create(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        success: false,
        error: `${message} [invalid-params]`,
        errorType: 'invalid-params',
      });
    }
  });

  it('401 in its own shape without a valid X-Auth-Token + X-User-Id pair, and nothing is created', async () => {
    const before = sandbox.stats().created['rocketchat-app'];
    const pairs: Record<string, string>[] = [
      {},
      { 'x-user-id': admin['x-user-id'] ?? '' },
      { ...admin, 'x-auth-token': 'wrong' },
      { 'x-auth-token': admin['x-auth-token'] ?? '', 'x-user-id': limited['x-user-id'] ?? '' },
    ];
    for (const headers of pairs) {
      const res = await create(SEED_BODY, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ status: 'error', message: 'You must be logged in to do this.' });
    }
    expect(sandbox.stats().created['rocketchat-app']).toBe(before);
  });

  it("403 in the 400s' shape for a logged-in user without manage-oauth-apps", async () => {
    const res = await create(SEED_BODY, limited);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      success: false,
      error: 'User does not have the permissions required for this action [error-unauthorized]',
      errorType: 'error-unauthorized',
    });
  });

  it('400 for an unparseable body, in the failure shape', async () => {
    const res = await fetch(`${base}/oauth-apps.create`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false, error: expect.any(String) });
  });
});

describe('oauth-apps get, list, delete', () => {
  it('get by appId or clientId, list, never with the secret; delete cleans up', async () => {
    const { application } = (await (await create(SEED_BODY)).json()) as {
      application: { _id: string; clientId: string; clientSecret: string };
    };
    const live = sandbox.stats().live['rocketchat-app'] ?? 0;
    for (const q of [`appId=${application._id}`, `clientId=${application.clientId}`]) {
      const res = await fetch(`${base}/oauth-apps.get?${q}`, { headers: admin });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { oauthApp: Record<string, unknown>; success: boolean };
      expect(body.success).toBe(true);
      expect(body.oauthApp).toMatchObject({
        _id: application._id,
        clientId: application.clientId,
        name: 'test-oauth-app',
      });
      expect(body.oauthApp).not.toHaveProperty('clientSecret');
    }
    const listText = await (await fetch(`${base}/oauth-apps.list`, { headers: admin })).text();
    const list = JSON.parse(listText) as { oauthApps: { _id: string }[]; success: boolean };
    expect(list.success).toBe(true);
    expect(list.oauthApps.map((a) => a._id)).toContain(application._id);
    expect(listText).not.toContain(application.clientSecret);

    const del = await fetch(`${base}/oauth-apps.delete`, json({ appId: application._id }, admin));
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ success: true });
    expect(sandbox.stats().live['rocketchat-app']).toBe(live - 1);
    const again = await fetch(`${base}/oauth-apps.delete`, json({ appId: application._id }, admin));
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      success: false,
      error: 'Application not found [error-application-not-found]',
      errorType: 'error-application-not-found',
    });
    const gone = await fetch(`${base}/oauth-apps.get?appId=${application._id}`, { headers: admin });
    expect(gone.status).toBe(400);
  });

  it('get without appId or clientId is invalid-params; list and get need the permission', async () => {
    const res = await fetch(`${base}/oauth-apps.get`, { headers: admin });
    expect(await res.json()).toEqual({
      success: false,
      error: "must have required property 'appId' [invalid-params]",
      errorType: 'invalid-params',
    });
    expect((await fetch(`${base}/oauth-apps.list`, { headers: limited })).status).toBe(403);
    expect((await fetch(`${base}/oauth-apps.list`)).status).toBe(401);
  });
});
