import type { FastifyInstance } from 'fastify';
import { registerAppsRoutes } from './apps-routes.js';
import type { VcitaContext } from './context.js';
import { registerOauthRoutes } from './oauth-routes.js';

/** vcita-style platform (seeds 000, 001, 004), mounted under `prefix`. */
export function registerVcita(app: FastifyInstance, ctx: VcitaContext, prefix: string): void {
  registerAppsRoutes(app, ctx);
  registerOauthRoutes(app, ctx, prefix);
}
