import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../test/support/sandbox.js';
import { registerRocketchat } from './apis/rocketchat/index.js';
import { RocketchatState } from './apis/rocketchat/state.js';
import { registerVcita } from './apis/vcita/index.js';
import { VcitaState } from './apis/vcita/state.js';
import { IdempotencyStore } from './apis/youhodler/idempotency.js';
import { registerYouhodler } from './apis/youhodler/index.js';
import { SlidingWindowLimiter } from './apis/youhodler/rate-limiter.js';
import { YouhodlerState } from './apis/youhodler/state.js';
import { systemClock } from './clock.js';
import { SandboxStats } from './stats.js';
import { TokenSigner } from './tokens.js';

/** Every API's state, serialized as a heap dump would show it (Maps, Sets and Buffers included). */
const dump = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : Buffer.isBuffer(v) ? v.toString('hex') : v,
  );

const stats = new SandboxStats();
const clock = systemClock;
const creds = {
  admin: { authToken: 'rc-admin-token-plaintext', userId: 'adminUserId000001' },
  limited: { authToken: 'rc-user-token-plaintext', userId: 'plainUserId000001' },
};
const vcita = {
  directoryToken: 'dt',
  codeTtlMs: 60_000,
  refreshTokenTtlMs: 60_000,
  user: { username: 'u', password: 'p' },
  state: new VcitaState(),
  stats,
  clock,
  signer: new TokenSigner(clock, 'v'),
};
const rocketchat = { state: new RocketchatState(creds.admin, creds.limited), stats, clock };
const youhodler = {
  adminToken: 'yh',
  tokenRateLimitPerMinute: 60,
  idempotencyTtlMs: 60_000,
  state: new YouhodlerState(),
  stats,
  clock,
  signer: new TokenSigner(clock, 'y'),
  limiter: new SlidingWindowLimiter(60_000),
  idempotency: new IdempotencyStore(clock, 60_000),
};
let app: FastifyInstance;
let origin: string;
beforeAll(async () => {
  app = Fastify();
  await app.register(async (s) => registerVcita(s, vcita, '/vcita'), { prefix: '/vcita' });
  await app.register(async (s) => registerRocketchat(s, rocketchat), { prefix: '/rocketchat' });
  await app.register(async (s) => registerYouhodler(s, youhodler), { prefix: '/youhodler' });
  origin = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

describe('secrets at rest', () => {
  it('no API keeps a client secret or login token in plaintext', async () => {
    await fetch(
      `${origin}/vcita/platform/v1/apps`,
      json({ name: 'a', app_code_name: 'rest', redirect_uri: 'https://x.test/cb' }, { authorization: 'Bearer dt' }),
    );
    await fetch(
      `${origin}/rocketchat/api/v1/oauth-apps.create`,
      json(
        { name: 'a', redirectUri: 'https://x.test', active: true },
        { 'x-auth-token': creds.admin.authToken, 'x-user-id': creds.admin.userId },
      ),
    );
    const account = (await (
      await fetch(`${origin}/youhodler/service-accounts`, json({ name: 'a' }, { authorization: 'Bearer yh' }))
    ).json()) as { id: string };
    await fetch(`${origin}/youhodler/service-accounts/${account.id}/rotate-secret`, {
      method: 'POST',
      headers: { authorization: 'Bearer yh' },
    });

    const state = dump({ vcita: vcita.state, rocketchat: rocketchat.state, youhodler: youhodler.state });
    const secrets = [...stats.issued, creds.admin.authToken, creds.limited.authToken];
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) expect(state).not.toContain(secret);
  });
});
