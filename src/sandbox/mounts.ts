import type { FastifyInstance } from 'fastify';
import type { ApiMount } from './api-mount.js';
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
import type { Clock } from './clock.js';
import type { ResolvedApiOptions } from './credentials.js';
import type { SandboxStats } from './stats.js';
import { TokenSigner } from './tokens.js';

/** Every API the sandbox serves, each at its own prefix. */
export const MOUNTS: readonly ApiMount[] = [vcitaMount, rocketchatMount, youhodlerMount];

interface MountContext {
  options: ResolvedApiOptions;
  stats: SandboxStats;
  clock: Clock;
}

/** Registers each API in its own encapsulated scope (own error handler) under its prefix. */
export async function registerApis(app: FastifyInstance, { options, stats, clock }: MountContext): Promise<void> {
  for (const kind of ['app', ROCKETCHAT_APP, SERVICE_ACCOUNT]) stats.declareKind(kind);

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
}
