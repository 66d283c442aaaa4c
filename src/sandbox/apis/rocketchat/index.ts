import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiMount } from '../../api-mount.js';
import type { RocketchatContext } from './context.js';
import { registerOauthAppsRoutes } from './oauth-apps-routes.js';

/** Rocket.Chat-style REST API (seed 002), mounted under `/rocketchat`. */
export function registerRocketchat(app: FastifyInstance, ctx: RocketchatContext): void {
  // Unparseable bodies get Rocket.Chat's failure shape rather than fastify's.
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    return reply.code(status).send({ success: false, error: err.message });
  });
  registerOauthAppsRoutes(app, ctx);
}

export const rocketchatMount: ApiMount = {
  name: 'rocketchat',
  prefix: '/rocketchat',
  // Rocket.Chat's rate limiter body (beyond seed 002); no documented 502/503 body.
  faultBody: (status, retryAfterMs) =>
    status === 429
      ? {
          success: false,
          error: `Error, too many requests. Please slow down. You must wait ${Math.ceil(retryAfterMs / 1000)} seconds before trying this endpoint again. [error-too-many-requests]`,
          errorType: 'error-too-many-requests',
        }
      : undefined,
};
