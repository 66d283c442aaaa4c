import { describe, expect, it } from 'vitest';
import { json } from '../../../test/support/sandbox.js';
import type { Sandbox } from '../server.js';
import { startSandbox } from '../server.js';
import { listBreaks as allBreaks } from './registry.js';

/** The contract breaks; the standards breaks (`oauth-<rule>`) are checked by test/e2e/standards-sandbox.test.ts. */
const listBreaks = () => allBreaks().filter((b) => b.kind !== 'standard');

interface Seen {
  status: number;
  contentType: string;
  text: string;
}

/** One request per break, against the route it breaks. */
const EXERCISE: Record<string, (s: Sandbox) => Promise<Response>> = {
  'vcita-create-app-drops-client-secret': (s) =>
    fetch(
      `${s.apis.vcita}/platform/v1/apps`,
      json(
        { name: 'b', app_code_name: `b${Math.random().toString(36).slice(2)}`, redirect_uri: 'https://x.test/cb' },
        { authorization: `Bearer ${s.env.DIRECTORY_TOKEN}` },
      ),
    ),
  'vcita-service-token-expires-in-string': async (s) => {
    const created = (await (await EXERCISE['vcita-create-app-drops-client-secret']?.(s))?.json()) as {
      data: { client_id: string; client_secret?: string };
    };
    return fetch(
      `${s.apis.vcita}/oauth/service/token`,
      json({ service_id: created.data.client_id, service_secret: created.data.client_secret }),
    );
  },
  'rocketchat-create-error-body-200': (s) =>
    fetch(
      `${s.apis.rocketchat}/api/v1/oauth-apps.create`,
      json({ name: 'b', redirectUri: 'https://x.test', active: true }, rcAdmin(s)),
    ),
  'rocketchat-create-active-string': (s) =>
    EXERCISE['rocketchat-create-error-body-200']?.(s) ?? Promise.reject(new Error('missing')),
  'rocketchat-list-drops-oauth-apps': (s) =>
    fetch(`${s.apis.rocketchat}/api/v1/oauth-apps.list`, { headers: rcAdmin(s) }),
  'youhodler-token-html': async (s) => {
    const a = (await (
      await fetch(
        `${s.apis.youhodler}/service-accounts`,
        json({ name: 'b' }, { authorization: `Bearer ${s.env.YOUHODLER_ADMIN_TOKEN}` }),
      )
    ).json()) as { client_id: string; client_secret: string };
    return fetch(
      `${s.apis.youhodler}/oauth/token`,
      json({ client_id: a.client_id, client_secret: a.client_secret, grant_type: 'client_credentials' }),
    );
  },
  'youhodler-token-status-201': (s) => EXERCISE['youhodler-token-html']?.(s) ?? Promise.reject(new Error('missing')),
  'youhodler-create-account-drops-client-secret': (s) =>
    fetch(
      `${s.apis.youhodler}/service-accounts`,
      json({ name: 'b' }, { authorization: `Bearer ${s.env.YOUHODLER_ADMIN_TOKEN}` }),
    ),
};

/** What each break does to the response a client sees. */
const BROKEN: Record<string, (correct: Seen, broken: Seen) => void> = {
  'vcita-create-app-drops-client-secret': (c, b) => {
    expect(JSON.parse(c.text).data).toHaveProperty('client_secret');
    expect(JSON.parse(b.text).data).not.toHaveProperty('client_secret');
    expect(b.status).toBe(201);
  },
  'vcita-service-token-expires-in-string': (c, b) => {
    expect(JSON.parse(c.text).expires_in).toBe(3600);
    expect(JSON.parse(b.text).expires_in).toBe('3600');
  },
  'rocketchat-create-error-body-200': (c, b) => {
    expect(JSON.parse(c.text)).toMatchObject({ success: true, application: expect.any(Object) });
    expect(b.status).toBe(200);
    expect(JSON.parse(b.text)).toEqual({
      success: false,
      error: 'Internal server error [error-internal]',
      errorType: 'error-internal',
    });
  },
  'rocketchat-create-active-string': (c, b) => {
    expect(JSON.parse(c.text).application.active).toBe(true);
    expect(JSON.parse(b.text).application.active).toBe('true');
  },
  'rocketchat-list-drops-oauth-apps': (c, b) => {
    expect(JSON.parse(c.text)).toHaveProperty('oauthApps');
    expect(JSON.parse(b.text)).toEqual({ success: true });
  },
  'youhodler-token-html': (c, b) => {
    expect(c.contentType).toMatch(/application\/json/);
    expect(b.status).toBe(200);
    expect(b.contentType).toBe('text/html; charset=utf-8');
    expect(b.text).toMatch(/^<!doctype html>/);
  },
  'youhodler-token-status-201': (c, b) => {
    expect([c.status, b.status]).toEqual([200, 201]);
    expect(Object.keys(JSON.parse(b.text))).toEqual(Object.keys(JSON.parse(c.text)));
  },
  'youhodler-create-account-drops-client-secret': (c, b) => {
    expect(JSON.parse(c.text)).toHaveProperty('client_secret');
    expect(JSON.parse(b.text)).not.toHaveProperty('client_secret');
  },
};

function rcAdmin(s: Sandbox): Record<string, string> {
  return { 'x-auth-token': s.env.ROCKETCHAT_AUTH_TOKEN ?? '', 'x-user-id': s.env.ROCKETCHAT_USER_ID ?? '' };
}

async function see(res: Response): Promise<Seen> {
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function observe(breaks: string[], name: string): Promise<Seen> {
  const sandbox = await startSandbox({ breaks });
  try {
    const exercise = EXERCISE[name];
    if (!exercise) throw new Error(`no exercise for ${name}`);
    return await see(await exercise(sandbox));
  } finally {
    await sandbox.close();
  }
}

describe('contract-break registry', () => {
  it('has unique kebab-case names, at least two per API, and every kind', () => {
    const breaks = listBreaks();
    const names = breaks.map((b) => b.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const api of ['vcita', 'rocketchat', 'youhodler'])
      expect(breaks.filter((b) => b.api === api).length).toBeGreaterThanOrEqual(2);
    expect(new Set(breaks.map((b) => b.kind))).toEqual(
      new Set(['drop-field', 'retype-field', 'status', 'error-body', 'html']),
    );
    expect(Object.keys(EXERCISE).sort()).toEqual([...names].sort());
  });

  it('refuses an unknown break, suggesting the nearest name', async () => {
    await expect(startSandbox({ breaks: ['youhodler-token-htm'] })).rejects.toThrow(
      'unknown contract break "youhodler-token-htm"; did you mean "youhodler-token-html"?',
    );
  });

  it('lists the enabled breaks', async () => {
    const s = await startSandbox({ breaks: ['youhodler-token-html'] });
    try {
      expect(s.breaks).toEqual(['youhodler-token-html']);
      expect(await (await fetch(`${s.origin}/__sandbox/breaks`)).json()).toMatchObject({
        enabled: ['youhodler-token-html'],
      });
    } finally {
      await s.close();
    }
  });
});

describe.each(listBreaks().map((b) => [b.name, b] as const))('break %s', (name, b) => {
  it(`breaks ${b.route} when enabled, and only then`, async () => {
    const correct = await observe([], name);
    const broken = await observe([name], name);
    expect(broken).not.toEqual(correct);
    BROKEN[name]?.(correct, broken);
    expect(BROKEN[name]).toBeDefined();
  });
});

it('leaves error responses and other routes alone', async () => {
  const s = await startSandbox({ breaks: listBreaks().map((b) => b.name) });
  try {
    const bad = await fetch(`${s.apis.youhodler}/oauth/token`, json({ grant_type: 'client_credentials' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      code: 'invalid_request',
      details: { reason: 'missing_client_credentials' },
      message: 'Request is invalid.',
    });
    const get = await fetch(`${s.apis.rocketchat}/api/v1/oauth-apps.get?appId=none`, { headers: rcAdmin(s) });
    expect(get.status).toBe(400);
  } finally {
    await s.close();
  }
});
