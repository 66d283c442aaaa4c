import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiMount } from '../../api-mount.js';
import { registerOauthBreakHook } from '../../breaks/oauth-break-hook.js';
import type { StandardsBreak } from '../../breaks/oauth-standards.js';
import { registerAuthorizeRoutes } from './authorize-routes.js';
import type { OauthContext } from './context.js';
import { registerDiscoveryRoutes } from './discovery-routes.js';
import { registerRegistrationRoutes } from './registration-routes.js';
import { registerResourceRoute } from './resource-route.js';
import { oauthError } from './responses.js';
import { registerRevokeIntrospectRoutes } from './revoke-introspect-routes.js';
import { registerTokenRoute } from './token-route.js';

/**
 * A standards-following OAuth 2.0 authorization server and protected resource, mounted under `/oauth`:
 * every rule of cardcheck's standards packs holds unless its `oauth-<rule>` break is on.
 */
export function registerOauth(app: FastifyInstance, ctx: OauthContext, breaks: readonly StandardsBreak[]): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // An unreadable body: RFC 7591 §3.2.2 has no invalid_request, so a registration gets invalid_client_metadata.
    const code = req.url.includes('/register') ? 'invalid_client_metadata' : 'invalid_request';
    if ((err.statusCode ?? 500) < 500) return oauthError(reply, 400, code, 'The body could not be read.');
    return oauthError(reply, 500, 'server_error', 'The server failed.');
  });
  registerOauthBreakHook(app, ctx.prefix, breaks);
  registerDiscoveryRoutes(app, ctx);
  registerRegistrationRoutes(app, ctx);
  registerAuthorizeRoutes(app, ctx);
  registerTokenRoute(app, ctx);
  registerRevokeIntrospectRoutes(app, ctx);
  registerResourceRoute(app, ctx);
}

export const oauthMount: ApiMount = {
  name: 'oauth',
  prefix: '/oauth',
  faultBody: (status) =>
    status === 503
      ? { error: 'temporarily_unavailable', error_description: 'The server is temporarily unavailable.' }
      : undefined,
};
