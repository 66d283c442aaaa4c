import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiMount } from '../../api-mount.js';
import { registerAccountsRoutes } from './accounts-routes.js';
import type { YouhodlerContext } from './context.js';
import { errorBody, rateLimited, sendResult, yhError } from './errors.js';
import { registerIntrospectRoute } from './introspect-route.js';
import { registerTokenRoute } from './token-route.js';

/** YouHodler-style business API (seed 003), mounted under `/youhodler`. */
export function registerYouhodler(app: FastifyInstance, ctx: YouhodlerContext): void {
  // Bodies fastify cannot parse still get the documented `{ code, details, message }` shape.
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const clientError = (err.statusCode ?? 500) < 500;
    return sendResult(
      reply,
      clientError ? yhError(400, 'invalid_request', { reason: 'malformed_body' }) : yhError(500, 'internal_error'),
    );
  });
  registerAccountsRoutes(app, ctx);
  registerTokenRoute(app, ctx);
  registerIntrospectRoute(app, ctx);
}

/** Seed 003 documents bodies for all three fault statuses. */
export const youhodlerMount: ApiMount = {
  name: 'youhodler',
  prefix: '/youhodler',
  faultBody: (status, retryAfterMs) => {
    if (status === 429) return rateLimited(retryAfterMs).body;
    if (status === 502) return errorBody('upstream_error');
    if (status === 503) return errorBody('temporarily_unavailable', { reason: 'federation_discovery_failed' });
    return undefined;
  },
};
