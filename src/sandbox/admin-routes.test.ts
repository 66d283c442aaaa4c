import { describe, expect, it } from 'vitest';
import { isLoopback, statsResponse } from './admin-routes.js';
import { startSandbox } from './server.js';
import { SandboxStats } from './stats.js';

describe('/__sandbox/stats', () => {
  it('is served to loopback clients only', () => {
    const stats = new SandboxStats();
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(ip)).toBe(true);
    expect(statsResponse('10.1.2.3', stats)).toEqual({
      status: 403,
      body: { error: 'stats are only served to loopback clients' },
    });
    expect(statsResponse('192.168.0.10', stats).status).toBe(403);
    expect(statsResponse('127.0.0.1', stats)).toEqual({ status: 200, body: stats.snapshot() });
  });

  it('shows live resources per kind (zero to start), requests per route and faults, never the secrets', async () => {
    const s = await startSandbox();
    try {
      await fetch(`${s.apis.rocketchat}/api/v1/oauth-apps.list`, { headers: { 'x-sandbox-fault': 'status=503' } });
      const res = await fetch(`${s.origin}/__sandbox/stats`);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        live: { app: 0, 'rocketchat-app': 0, 'service-account': 0, 'oauth-client': 0 },
        liveIds: { app: [], 'rocketchat-app': [], 'service-account': [], 'oauth-client': [] },
        created: {},
        requests: { 'GET /rocketchat/api/v1/oauth-apps.list': 1 },
        faults: { 'status-503': 1 },
      });
      for (const secret of s.issuedSecrets()) expect(text).not.toContain(secret);
      // User ids and the vcita user name are identifiers, not secrets.
      const {
        ROCKETCHAT_USER_ID: _admin,
        ROCKETCHAT_LIMITED_USER_ID: _user,
        VCITA_USERNAME: _name,
        OAUTH_CLIENT_ID: _client,
        OAUTH_USERNAME: _oauthUser,
        ...secrets
      } = s.env;
      expect([...s.issuedSecrets()].sort()).toEqual(Object.values(secrets).sort());
    } finally {
      await s.close();
    }
  });
});
