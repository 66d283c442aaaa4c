import type { FastifyInstance } from 'fastify';
import { bodyRecord, str } from '../../client-credentials.js';
import { requireAdmin } from './admin-auth.js';
import type { YouhodlerContext } from './context.js';

/**
 * `POST /oauth/introspect` (RFC 7662; beyond seed 003): whether an access token is live.
 * A token dies when it expires, or when its account is disabled or deleted.
 */
export function registerIntrospectRoute(app: FastifyInstance, ctx: YouhodlerContext): void {
  app.post('/oauth/introspect', { preHandler: requireAdmin(ctx) }, async (req) => {
    const token = str(bodyRecord(req.body).token);
    const claims = token ? await ctx.signer.verify(token) : undefined;
    const account = typeof claims?.client_id === 'string' ? ctx.state.byClientId(claims.client_id) : undefined;
    if (!claims || !account || account.status !== 'active') return { active: false };
    return {
      active: true,
      client_id: account.clientId,
      sub: claims.sub,
      scope: claims.scope,
      iat: claims.iat,
      exp: claims.exp,
      token_type: 'Bearer',
    };
  });
}
