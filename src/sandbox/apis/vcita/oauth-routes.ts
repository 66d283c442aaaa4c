import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newSecret, secretMatches } from '../../secrets.js';
import type { VcitaContext } from './context.js';
import { renderConsentPage, renderErrorPage } from './consent-page.js';
import type { App } from './state.js';

const TOKEN_TTL_S = 3600;
const CONSENT_TTL_MS = 10 * 60_000;

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const digestHex = (s: string) => createHash('sha256').update(s).digest('hex');

function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });
}

/** client_id + client_secret from the body, or from HTTP Basic (RFC 6749 §2.3.1). */
function clientCredentials(req: FastifyRequest, body: Body): { id?: string; secret?: string } {
  const auth = req.headers.authorization ?? '';
  if (auth.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
  }
  return { id: str(body.client_id), secret: str(body.client_secret) };
}

function authenticate(ctx: VcitaContext, id: string | undefined, secret: string | undefined): App | undefined {
  const app = id ? ctx.state.apps.get(id) : undefined;
  return app && secretMatches(secret, app.secretDigest) ? app : undefined;
}

function redirectWith(reply: FastifyReply, redirectUri: string, params: Record<string, string>) {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return reply.code(302).header('location', url.toString()).send();
}

export function registerOauthRoutes(app: FastifyInstance, ctx: VcitaContext, prefix: string): void {
  const issueToken = async (client: App, scope: string) => {
    const accessToken = ctx.stats.issue(await ctx.signer.sign(client.clientId, { scope, client_id: client.clientId }, TOKEN_TTL_S));
    return { accessToken, tokenId: digestHex(accessToken) };
  };

  app.post('/oauth/service/token', async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    const id = str(body.service_id);
    const secret = str(body.service_secret);
    if (!id || !secret) return oauthError(reply, 400, 'invalid_request', 'service_id and service_secret are required');
    const client = authenticate(ctx, id, secret);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'unknown service_id or wrong service_secret');
    const { accessToken } = await issueToken(client, client.scopes.join(' '));
    return reply.header('cache-control', 'no-store').send({ access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_S, scope: client.scopes.join(' ') });
  });

  app.get('/oauth/authorize', async (req, reply) => {
    const q = req.query as Body;
    const client = ctx.state.apps.get(str(q.client_id) ?? '');
    // Never redirect to a URI that is not registered: show the error instead.
    if (!client) return reply.code(400).type('text/html').send(renderErrorPage('Unknown client_id.'));
    if (str(q.redirect_uri) !== client.redirectUri) return reply.code(400).type('text/html').send(renderErrorPage('redirect_uri does not match the one registered for this app.'));
    const state = str(q.state) ?? '';
    if (str(q.response_type) !== 'code') return redirectWith(reply, client.redirectUri, { error: 'unsupported_response_type', state });
    const challenge = str(q.code_challenge);
    if (challenge && str(q.code_challenge_method) !== 'S256') return redirectWith(reply, client.redirectUri, { error: 'invalid_request', error_description: 'only code_challenge_method=S256 is supported', state });
    const csrf = randomBytes(16).toString('base64url');
    const scope = str(q.scope) ?? client.scopes.join(' ');
    ctx.state.consents.set(csrf, { clientId: client.clientId, redirectUri: client.redirectUri, scope, state, codeChallenge: challenge, expiresAt: ctx.clock() + CONSENT_TTL_MS });
    return reply.type('text/html').send(renderConsentPage({ appName: client.name, scope, csrf, action: `${prefix}/oauth/authorize` }));
  });

  app.post('/oauth/authorize', async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    const csrf = str(body.csrf_token) ?? '';
    const consent = ctx.state.consents.get(csrf);
    if (!consent || consent.expiresAt < ctx.clock()) return reply.code(400).type('text/html').send(renderErrorPage('This authorization request expired or was already used. Start again.'));
    const client = ctx.state.apps.get(consent.clientId);
    if (!client) return reply.code(400).type('text/html').send(renderErrorPage('The app no longer exists.'));
    if (str(body.decision) === 'deny') {
      ctx.state.consents.delete(csrf);
      return redirectWith(reply, consent.redirectUri, { error: 'access_denied', state: consent.state });
    }
    if (str(body.username) !== ctx.user.username || str(body.password) !== ctx.user.password) {
      return reply.code(401).type('text/html').send(renderConsentPage({ appName: client.name, scope: consent.scope, csrf, action: `${prefix}/oauth/authorize`, error: 'Wrong username or password.' }));
    }
    ctx.state.consents.delete(csrf);
    const code = ctx.stats.issue(newSecret('ac_', 18));
    ctx.state.codes.set(digestHex(code), { clientId: consent.clientId, redirectUri: consent.redirectUri, scope: consent.scope, expiresAt: ctx.clock() + ctx.codeTtlMs, used: false, codeChallenge: consent.codeChallenge, issuedTokenIds: [] });
    return redirectWith(reply, consent.redirectUri, { code, state: consent.state });
  });

  app.post('/oauth/token', async (req, reply) => {
    const body = (req.body ?? {}) as Body;
    const grant = str(body.grant_type);
    if (!grant) return oauthError(reply, 400, 'invalid_request', 'grant_type is required');
    if (grant !== 'authorization_code') return oauthError(reply, 400, 'unsupported_grant_type', `grant_type "${grant}" is not supported; only authorization_code is`);
    const creds = clientCredentials(req, body);
    const client = authenticate(ctx, creds.id, creds.secret);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'unknown client_id or wrong client_secret');
    const code = str(body.code);
    if (!code) return oauthError(reply, 400, 'invalid_request', 'code is required');
    const record = ctx.state.codes.get(digestHex(code));
    if (!record || record.clientId !== client.clientId) return oauthError(reply, 400, 'invalid_grant', 'the authorization code is not valid for this client');
    if (record.used) {
      // A replayed code revokes what the first exchange issued (RFC 6749 §4.1.2).
      for (const id of record.issuedTokenIds) ctx.state.revokedTokenIds.add(id);
      return oauthError(reply, 400, 'invalid_grant', 'the authorization code was already used');
    }
    if (record.expiresAt <= ctx.clock()) return oauthError(reply, 400, 'invalid_grant', 'the authorization code expired');
    if (str(body.redirect_uri) !== record.redirectUri) return oauthError(reply, 400, 'invalid_grant', 'redirect_uri does not match the one used to obtain the code');
    if (record.codeChallenge) {
      const verifier = str(body.code_verifier) ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== record.codeChallenge) return oauthError(reply, 400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    }
    record.used = true;
    const { accessToken, tokenId } = await issueToken(client, record.scope);
    record.issuedTokenIds.push(tokenId);
    return reply.header('cache-control', 'no-store').send({ access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_TTL_S, scope: record.scope });
  });
}
