import type { FastifyInstance } from 'fastify';
import type { ApiMount } from '../../api-mount.js';
import { registerAppsRoutes } from './apps-routes.js';
import type { VcitaContext } from './context.js';
import { registerOauthRoutes } from './oauth-routes.js';
import { registerTokenRoute } from './token-route.js';

/** vcita-style platform (seeds 000, 001, 004), mounted under `prefix`. */
export function registerVcita(app: FastifyInstance, ctx: VcitaContext, prefix: string): void {
  registerAppsRoutes(app, ctx);
  registerOauthRoutes(app, ctx, prefix);
  registerTokenRoute(app, ctx);
}

/** The seeds document no bodies for 429/502/503 on vcita: faults there get the sandbox's generic body. */
export const vcitaMount: ApiMount = { name: 'vcita', prefix: '/vcita', faultBody: () => undefined };
