import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OauthContext } from './context.js';
import { SCOPES } from './context.js';
import { authenticateClient, field, invalidClient, noStore, oauthError } from './responses.js';
import type { Client, Code } from './state.js';

const REFRESH_TTL_MS = 14 * 24 * 3600_000;

/** The scope asked for, or undefined when it names one the sandbox does not grant. */
function scopeOf(req: FastifyRequest, fallback: string): string | undefined {
  const asked = field(req, 'scope');
  if (asked === undefined) return fallback;
  const names = asked.split(' ').filter(Boolean);
  return names.length > 0 && names.every((s) => SCOPES.includes(s)) ? names.join(' ') : undefined;
}

function issueTokens(
  ctx: OauthContext,
  reply: FastifyReply,
  client: Client,
  scope: string,
  sub: string,
  refresh: boolean,
) {
  const now = ctx.clock();
  const expiresIn = Math.floor(ctx.accessTokenTtlMs / 1000);
  const base = { clientId: client.clientId, scope, sub, iat: Math.floor(now / 1000), active: true };
  const access = ctx.state.issue(
    { ...base, kind: 'access', exp: Math.floor((now + ctx.accessTokenTtlMs) / 1000) },
    'at_',
  );
  ctx.stats.issue(access.token);
  const body: Record<string, unknown> = {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope,
  };
  const keys = [access.key];
  if (refresh) {
    const rt = ctx.state.issue({ ...base, kind: 'refresh', exp: Math.floor((now + REFRESH_TTL_MS) / 1000) }, 'rt_');
    ctx.stats.issue(rt.token);
    body.refresh_token = rt.token;
    keys.push(rt.key);
  }
  noStore(reply).code(200).type('application/json').send(body);
  return keys;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** RFC 7636 §4.6: the verifier, transformed by the code's method, is its challenge (each follow-up break skips a part). */
function verifierProves(ctx: OauthContext, code: Code, verifier: string | undefined): boolean {
  if (verifier === undefined) return ctx.broken.has('followup-pkce-verifier-required');
  if (ctx.broken.has('followup-pkce-wrong-verifier')) return true;
  return (code.method === 'S256' ? s256(verifier) : verifier) === code.challenge;
}

/** `POST /token`: client_credentials, authorization_code (PKCE S256 required), refresh_token (rotated). */
export function registerTokenRoute(app: FastifyInstance, ctx: OauthContext): void {
  app.post('/token', async (req, reply) => {
    noStore(reply);
    const grantType = field(req, 'grant_type');
    if (grantType === undefined) return oauthError(reply, 400, 'invalid_request', 'grant_type is required.');
    const auth = authenticateClient(req, ctx);
    if (!('client' in auth)) return invalidClient(reply);
    const client = auth.client;
    const now = ctx.clock();
    // RFC 7591 §2: a client uses only the grant types it registered.
    const grants = client.metadata.grant_types;
    if (
      Array.isArray(grants) &&
      !grants.includes(grantType) &&
      ['client_credentials', 'authorization_code', 'refresh_token'].includes(grantType)
    )
      return oauthError(reply, 400, 'unauthorized_client', 'The client did not register this grant type.');

    if (grantType === 'client_credentials') {
      const scope = scopeOf(req, 'read');
      if (scope === undefined)
        return oauthError(reply, 400, 'invalid_scope', 'The scope is not one this server grants.');
      issueTokens(ctx, reply, client, scope, client.clientId, false);
      return reply;
    }
    if (grantType === 'authorization_code') {
      const code = ctx.state.code(field(req, 'code'));
      const verifier = field(req, 'code_verifier');
      if (!code || code.clientId !== client.clientId || code.exp < now)
        return oauthError(reply, 400, 'invalid_grant', 'The authorization code is invalid or expired.');
      if (code.used && !ctx.broken.has('followup-code-single-use')) {
        ctx.state.revokeKeys(code.issued);
        return oauthError(reply, 400, 'invalid_grant', 'The authorization code was already used.');
      }
      if (field(req, 'redirect_uri') !== code.redirectUri)
        return oauthError(reply, 400, 'invalid_grant', 'redirect_uri differs from the authorization request.');
      if (!verifierProves(ctx, code, verifier))
        return oauthError(reply, 400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
      code.used = true;
      code.issued = issueTokens(ctx, reply, client, code.scope, 'demo-user', true);
      return reply;
    }
    if (grantType === 'refresh_token') {
      const grant = ctx.state.grant(field(req, 'refresh_token'));
      if (grant?.kind !== 'refresh' || !grant.active || grant.clientId !== client.clientId || grant.exp * 1000 < now)
        return oauthError(reply, 400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.');
      const scope = scopeOf(req, grant.scope);
      if (scope === undefined || !scope.split(' ').every((s) => grant.scope.split(' ').includes(s)))
        return oauthError(reply, 400, 'invalid_scope', 'A refresh may narrow the scope, never widen it.');
      grant.active = false;
      issueTokens(ctx, reply, client, scope, grant.sub, true);
      return reply;
    }
    return oauthError(
      reply,
      400,
      'unsupported_grant_type',
      'Use client_credentials, authorization_code or refresh_token.',
    );
  });
}
