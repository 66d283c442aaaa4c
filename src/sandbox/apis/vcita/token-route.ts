import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { bodyRecord, clientCredentials, str } from '../../client-credentials.js';
import { newSecret } from '../../secrets.js';
import type { VcitaContext } from './context.js';
import { authenticate, digestHex, issueAccessToken, oauthError, TOKEN_TTL_S } from './oauth-shared.js';
import type { App } from './state.js';

type Body = Record<string, unknown>;
const GRANTS = ['authorization_code', 'refresh_token'];

/** Access token + a fresh refresh token of the same grant. */
async function issuePair(
  ctx: VcitaContext,
  reply: FastifyReply,
  client: App,
  grant: { id: string; scope: string },
  scope: string,
) {
  const { accessToken, tokenId } = await issueAccessToken(ctx, client, scope);
  const refreshToken = ctx.stats.issue(newSecret('rt_', 24));
  ctx.state.refreshTokens.set(digestHex(refreshToken), {
    clientId: client.clientId,
    scope: grant.scope,
    grantId: grant.id,
    expiresAt: ctx.clock() + ctx.refreshTokenTtlMs,
    used: false,
  });
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send({
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: TOKEN_TTL_S,
    scope,
    refresh_token: refreshToken,
  });
  return tokenId;
}

async function exchangeCode(ctx: VcitaContext, reply: FastifyReply, client: App, body: Body) {
  const code = str(body.code);
  if (!code) return oauthError(reply, 400, 'invalid_request', 'code is required');
  const record = ctx.state.codes.get(digestHex(code));
  if (!record || record.clientId !== client.clientId)
    return oauthError(reply, 400, 'invalid_grant', 'the authorization code is not valid for this client');
  if (record.used) {
    // A replayed code revokes what the first exchange issued (RFC 6749 §4.1.2), refresh tokens included.
    for (const id of record.issuedTokenIds) ctx.state.revokedTokenIds.add(id);
    ctx.state.revokedGrants.add(record.grantId);
    return oauthError(reply, 400, 'invalid_grant', 'the authorization code was already used');
  }
  if (record.expiresAt <= ctx.clock()) return oauthError(reply, 400, 'invalid_grant', 'the authorization code expired');
  if (str(body.redirect_uri) !== record.redirectUri)
    return oauthError(reply, 400, 'invalid_grant', 'redirect_uri does not match the one used to obtain the code');
  if (record.codeChallenge) {
    const verifier = str(body.code_verifier) ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== record.codeChallenge)
      return oauthError(reply, 400, 'invalid_grant', 'code_verifier does not match the code_challenge');
  }
  record.used = true;
  const grant = { id: record.grantId, scope: record.scope };
  record.issuedTokenIds.push(await issuePair(ctx, reply, client, grant, record.scope));
  return reply;
}

async function refresh(ctx: VcitaContext, reply: FastifyReply, client: App, body: Body) {
  const token = str(body.refresh_token);
  if (!token) return oauthError(reply, 400, 'invalid_request', 'refresh_token is required');
  const record = ctx.state.refreshTokens.get(digestHex(token));
  if (!record || record.clientId !== client.clientId)
    return oauthError(reply, 400, 'invalid_grant', 'the refresh token is not valid for this client');
  if (ctx.state.revokedGrants.has(record.grantId))
    return oauthError(reply, 400, 'invalid_grant', 'the refresh token was revoked');
  if (record.used) {
    // Reuse of a rotated refresh token means it leaked: revoke the whole grant.
    ctx.state.revokedGrants.add(record.grantId);
    return oauthError(reply, 400, 'invalid_grant', 'the refresh token was already used; the grant is revoked');
  }
  if (record.expiresAt <= ctx.clock()) return oauthError(reply, 400, 'invalid_grant', 'the refresh token expired');
  const granted = record.scope.split(' ').filter(Boolean);
  const asked = str(body.scope)?.split(' ').filter(Boolean) ?? granted;
  const extra = asked.filter((s) => !granted.includes(s));
  if (extra.length > 0)
    return oauthError(reply, 400, 'invalid_scope', `scope exceeds the original grant: ${extra.join(' ')}`);
  record.used = true;
  await issuePair(ctx, reply, client, { id: record.grantId, scope: record.scope }, asked.join(' '));
  return reply;
}

/** `POST /oauth/token`: authorization_code and refresh_token (rotating, single use). */
export function registerTokenRoute(app: FastifyInstance, ctx: VcitaContext): void {
  app.post('/oauth/token', async (req, reply) => {
    const body = bodyRecord(req.body);
    const grant = str(body.grant_type);
    if (!grant) return oauthError(reply, 400, 'invalid_request', 'grant_type is required');
    if (!GRANTS.includes(grant))
      return oauthError(
        reply,
        400,
        'unsupported_grant_type',
        `grant_type ${grant} is not supported; only authorization_code and refresh_token are`,
      );
    const creds = clientCredentials(req, body);
    const client = authenticate(ctx, creds.id, creds.secret);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'unknown client_id or wrong client_secret');
    return grant === 'authorization_code' ? exchangeCode(ctx, reply, client, body) : refresh(ctx, reply, client, body);
  });
}
