import type { FastifyInstance } from 'fastify';
import type { OauthContext } from './context.js';

const REALM = 'realm="oauth-sandbox"';

/** `GET /resource` (RFC 6750): an active access token gets 200, anything else 401 with a Bearer challenge. */
export function registerResourceRoute(app: FastifyInstance, ctx: OauthContext): void {
  app.get('/resource', async (req, reply) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      // RFC 6750 §3.1: no credentials, no error code in the challenge.
      const challenge = ctx.broken.has('bearer-no-error-without-token')
        ? `Bearer ${REALM}, error="invalid_token"`
        : `Bearer ${REALM}`;
      return reply
        .code(401)
        .header('www-authenticate', challenge)
        .type('application/json')
        .send({ error: 'unauthorized' });
    }
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const grant = ctx.state.grant(token);
    if (grant?.kind !== 'access' || !grant.active || grant.exp * 1000 < ctx.clock())
      return reply
        .code(401)
        .header(
          'www-authenticate',
          `Bearer ${REALM}, error="invalid_token", error_description="The access token is invalid"`,
        )
        .type('application/json')
        .send({ error: 'invalid_token' });
    return reply.type('application/json').send({ client_id: grant.clientId, sub: grant.sub, scope: grant.scope });
  });
}
