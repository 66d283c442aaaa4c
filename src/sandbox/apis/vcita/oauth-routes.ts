import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { bodyRecord, str } from '../../client-credentials.js';
import { newSecret } from '../../secrets.js';
import { renderConsentPage, renderErrorPage } from './consent-page.js';
import type { VcitaContext } from './context.js';
import { authenticate, digestHex, issueAccessToken, oauthError, TOKEN_TTL_S } from './oauth-shared.js';

const CONSENT_TTL_MS = 10 * 60_000;

function redirectWith(reply: FastifyReply, redirectUri: string, params: Record<string, string>) {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return reply.code(302).header('location', url.toString()).send();
}

function registerServiceToken(app: FastifyInstance, ctx: VcitaContext): void {
  app.post('/oauth/service/token', async (req, reply) => {
    const body = bodyRecord(req.body);
    const id = str(body.service_id);
    const secret = str(body.service_secret);
    if (!id || !secret) return oauthError(reply, 400, 'invalid_request', 'service_id and service_secret are required');
    const client = authenticate(ctx, id, secret);
    if (!client) return oauthError(reply, 401, 'invalid_client', 'unknown service_id or wrong service_secret');
    const { accessToken } = await issueAccessToken(ctx, client, client.scopes.join(' '));
    return reply
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send({
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: TOKEN_TTL_S,
        scope: client.scopes.join(' '),
      });
  });
}

/** The consent page: the app, the scope, a form bound to a one-time CSRF token. */
function registerAuthorizePage(app: FastifyInstance, ctx: VcitaContext, prefix: string): void {
  app.get('/oauth/authorize', async (req, reply) => {
    const q = bodyRecord(req.query);
    const client = ctx.state.apps.get(str(q.client_id) ?? '');
    // Never redirect to a URI that is not registered: show the error instead.
    if (!client) return reply.code(400).type('text/html').send(renderErrorPage('Unknown client_id.'));
    if (str(q.redirect_uri) !== client.redirectUri)
      return reply
        .code(400)
        .type('text/html')
        .send(renderErrorPage('redirect_uri does not match the one registered for this app.'));
    const state = str(q.state) ?? '';
    if (str(q.response_type) !== 'code')
      return redirectWith(reply, client.redirectUri, { error: 'unsupported_response_type', state });
    const challenge = str(q.code_challenge);
    if (challenge && str(q.code_challenge_method) !== 'S256')
      return redirectWith(reply, client.redirectUri, {
        error: 'invalid_request',
        error_description: 'only code_challenge_method=S256 is supported',
        state,
      });
    const csrf = randomBytes(16).toString('base64url');
    const scope = str(q.scope) ?? client.scopes.join(' ');
    ctx.state.consents.set(csrf, {
      clientId: client.clientId,
      redirectUri: client.redirectUri,
      scope,
      state,
      codeChallenge: challenge,
      expiresAt: ctx.clock() + CONSENT_TTL_MS,
    });
    return reply
      .type('text/html')
      .send(renderConsentPage({ appName: client.name, scope, csrf, action: `${prefix}/oauth/authorize` }));
  });
}

/** The form's answer: deny, wrong credentials, or a single-use code sent to the registered redirect URI. */
function registerAuthorizeSubmit(app: FastifyInstance, ctx: VcitaContext, prefix: string): void {
  app.post('/oauth/authorize', async (req, reply) => {
    const body = bodyRecord(req.body);
    const csrf = str(body.csrf_token) ?? '';
    const consent = ctx.state.consents.get(csrf);
    if (!consent || consent.expiresAt < ctx.clock())
      return reply
        .code(400)
        .type('text/html')
        .send(renderErrorPage('This authorization request expired or was already used. Start again.'));
    const client = ctx.state.apps.get(consent.clientId);
    if (!client) return reply.code(400).type('text/html').send(renderErrorPage('The app no longer exists.'));
    if (str(body.decision) === 'deny') {
      ctx.state.consents.delete(csrf);
      return redirectWith(reply, consent.redirectUri, { error: 'access_denied', state: consent.state });
    }
    if (str(body.username) !== ctx.user.username || str(body.password) !== ctx.user.password) {
      return reply
        .code(401)
        .type('text/html')
        .send(
          renderConsentPage({
            appName: client.name,
            scope: consent.scope,
            csrf,
            action: `${prefix}/oauth/authorize`,
            error: 'Wrong username or password.',
          }),
        );
    }
    ctx.state.consents.delete(csrf);
    const code = ctx.stats.issue(newSecret('ac_', 18));
    ctx.state.codes.set(digestHex(code), {
      clientId: consent.clientId,
      redirectUri: consent.redirectUri,
      scope: consent.scope,
      expiresAt: ctx.clock() + ctx.codeTtlMs,
      used: false,
      codeChallenge: consent.codeChallenge,
      issuedTokenIds: [],
      grantId: randomBytes(12).toString('hex'),
    });
    return redirectWith(reply, consent.redirectUri, { code, state: consent.state });
  });
}

/** Service tokens and the authorize (login + consent) flow; `POST /oauth/token` is in token-route.ts. */
export function registerOauthRoutes(app: FastifyInstance, ctx: VcitaContext, prefix: string): void {
  registerServiceToken(app, ctx);
  registerAuthorizePage(app, ctx, prefix);
  registerAuthorizeSubmit(app, ctx, prefix);
}
