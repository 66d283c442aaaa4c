import type { FastifyInstance } from 'fastify';
import type { OauthContext } from './context.js';
import { authenticateClient, field, invalidClient, oauthError } from './responses.js';

/** `POST /revoke` (RFC 7009) and `POST /introspect` (RFC 7662), both with client authentication. */
export function registerRevokeIntrospectRoutes(app: FastifyInstance, ctx: OauthContext): void {
  app.post('/revoke', async (req, reply) => {
    const auth = authenticateClient(req, ctx);
    if (!('client' in auth)) return invalidClient(reply);
    const token = field(req, 'token');
    if (token === undefined) return oauthError(reply, 400, 'invalid_request', 'token is required.');
    const grant = ctx.state.grant(token);
    // RFC 7009 §2.2: an unknown token is answered 200 like a revoked one.
    if (!grant && ctx.broken.has('followup-revoke-unknown-token'))
      return oauthError(reply, 400, 'invalid_request', 'The token is not known.');
    const revokes = !ctx.broken.has('followup-revoked-token-dead');
    if (grant && grant.clientId === auth.client.clientId && revokes) grant.active = false;
    return reply.code(200).type('application/json').send({});
  });

  app.post('/introspect', async (req, reply) => {
    const auth = authenticateClient(req, ctx);
    const anonymousAllowed = ctx.broken.has('followup-introspection-auth') && 'none' in auth;
    if (!('client' in auth) && !anonymousAllowed) return invalidClient(reply);
    const token = field(req, 'token');
    if (token === undefined) return oauthError(reply, 400, 'invalid_request', 'token is required.');
    const grant = ctx.state.grant(token);
    const now = Math.floor(ctx.clock() / 1000);
    if (!grant?.active || grant.exp < now) return reply.code(200).type('application/json').send({ active: false });
    return reply
      .code(200)
      .type('application/json')
      .send({
        active: true,
        client_id: grant.clientId,
        scope: grant.scope,
        sub: grant.sub,
        token_type: grant.kind === 'access' ? 'Bearer' : 'refresh_token',
        iat: grant.iat,
        exp: grant.exp,
      });
  });
}
