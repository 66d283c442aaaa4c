import type { FastifyInstance } from 'fastify';
import type { ApiMount } from './api-mount.js';
import { oauthMount, registerOauth } from './apis/oauth/index.js';
import { KIND as OAUTH_CLIENT, OauthState } from './apis/oauth/state.js';
import { registerRocketchat, rocketchatMount } from './apis/rocketchat/index.js';
import { KIND as ROCKETCHAT_APP } from './apis/rocketchat/oauth-apps-routes.js';
import { RocketchatState } from './apis/rocketchat/state.js';
import { registerVcita, vcitaMount } from './apis/vcita/index.js';
import { VcitaState } from './apis/vcita/state.js';
import { KIND as SERVICE_ACCOUNT } from './apis/youhodler/accounts-routes.js';
import { IdempotencyStore } from './apis/youhodler/idempotency.js';
import { registerYouhodler, youhodlerMount } from './apis/youhodler/index.js';
import { SlidingWindowLimiter } from './apis/youhodler/rate-limiter.js';
import { YouhodlerState } from './apis/youhodler/state.js';
import type { StandardsBreak } from './breaks/oauth-standards.js';
import type { Clock } from './clock.js';
import type { ResolvedApiOptions } from './credentials.js';
import { hashSecret } from './secrets.js';
import type { SandboxStats } from './stats.js';
import { TokenSigner } from './tokens.js';

/** Every API the sandbox serves, each at its own prefix. */
export const MOUNTS: readonly ApiMount[] = [vcitaMount, rocketchatMount, youhodlerMount, oauthMount];

interface MountContext {
  options: ResolvedApiOptions;
  stats: SandboxStats;
  clock: Clock;
  /** The enabled standards breaks of the oauth API. */
  standardsBreaks: readonly StandardsBreak[];
}

/** Registers each API in its own encapsulated scope (own error handler) under its prefix. */
export async function registerApis(
  app: FastifyInstance,
  { options, stats, clock, standardsBreaks }: MountContext,
): Promise<void> {
  for (const kind of ['app', ROCKETCHAT_APP, SERVICE_ACCOUNT, OAUTH_CLIENT]) stats.declareKind(kind);

  const vcita = {
    ...options.vcita,
    state: new VcitaState(),
    stats,
    clock,
    signer: new TokenSigner(clock, 'cardcheck-sandbox/vcita'),
  };
  await app.register(async (scope) => registerVcita(scope, vcita, vcitaMount.prefix), { prefix: vcitaMount.prefix });

  const rocketchat = { state: new RocketchatState(options.rocketchat.admin, options.rocketchat.limited), stats, clock };
  await app.register(async (scope) => registerRocketchat(scope, rocketchat), { prefix: rocketchatMount.prefix });

  const youhodler = {
    ...options.youhodler,
    state: new YouhodlerState(),
    stats,
    clock,
    signer: new TokenSigner(clock, 'cardcheck-sandbox/youhodler'),
    limiter: new SlidingWindowLimiter(60_000),
    idempotency: new IdempotencyStore(clock, options.youhodler.idempotencyTtlMs),
  };
  await app.register(async (scope) => registerYouhodler(scope, youhodler), { prefix: youhodlerMount.prefix });

  const oauth = {
    ...options.oauth,
    state: new OauthState(),
    stats,
    clock,
    prefix: oauthMount.prefix,
    broken: new Set(standardsBreaks.map((b) => b.rule)),
  };
  const { client } = options.oauth;
  oauth.state.addClient({
    clientId: client.clientId,
    secretDigest: hashSecret(client.clientSecret),
    issuedAt: Math.floor(clock() / 1000),
    metadata: {
      client_name: 'sandbox client',
      redirect_uris: [client.redirectUri],
      grant_types: ['authorization_code', 'client_credentials', 'refresh_token'],
    },
    deleted: false,
  });
  await app.register(async (scope) => registerOauth(scope, oauth, standardsBreaks), { prefix: oauthMount.prefix });
}
