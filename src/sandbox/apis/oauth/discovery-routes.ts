import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OauthContext } from './context.js';
import { SCOPES } from './context.js';
import { issuerOf } from './responses.js';

/** RFC 8414 §2 metadata: the issuer is the API's base URL, every endpoint an absolute URL under it. */
function metadata(req: FastifyRequest, ctx: OauthContext) {
  const issuer = issuerOf(req, ctx);
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    revocation_endpoint: `${issuer}/revoke`,
    introspection_endpoint: `${issuer}/introspect`,
    jwks_uri: `${issuer}/jwks`,
    scopes_supported: SCOPES,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
  };
}

/**
 * `GET /.well-known/oauth-authorization-server` (RFC 8414), `GET /.well-known/openid-configuration` (the same with
 * the OpenID Provider members) and `GET /jwks` (no signing keys: the sandbox issues opaque tokens, no ID tokens).
 */
export function registerDiscoveryRoutes(app: FastifyInstance, ctx: OauthContext): void {
  app.get('/.well-known/oauth-authorization-server', async (req, reply) =>
    reply.type('application/json').send(metadata(req, ctx)),
  );
  app.get('/.well-known/openid-configuration', async (req, reply) =>
    reply.type('application/json').send({
      ...metadata(req, ctx),
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    }),
  );
  app.get('/jwks', async (_req, reply) => reply.type('application/json').send({ keys: [] }));
}
