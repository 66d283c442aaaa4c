import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderConsentPage, renderErrorPage } from '../vcita/consent-page.js';
import type { OauthContext } from './context.js';
import { SCOPES } from './context.js';
import { field } from './responses.js';

type Query = Record<string, string | undefined>;
type AuthorizeRequest = FastifyRequest<{ Querystring: Query }>;

/** The redirect back to the client with these parameters and the request's `state` (RFC 6749 §4.1.2). */
function redirectBack(reply: FastifyReply, redirectUri: string, q: Query, params: Record<string, string>) {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (q.state !== undefined) url.searchParams.set('state', q.state);
  return reply.code(302).header('location', url.toString()).send();
}

/**
 * Checks an authorization request. Without a known client and its registered redirect_uri the person sees an
 * error page (§4.1.2.1: never redirect to an unverified URI); other mistakes are redirected back as errors.
 */
function check(req: AuthorizeRequest, reply: FastifyReply, ctx: OauthContext): { scope: string } | undefined {
  const q = req.query;
  const client = q.client_id === undefined ? undefined : ctx.state.clients.get(q.client_id);
  const uris = (client?.metadata.redirect_uris as string[] | undefined) ?? [];
  if (!client || client.deleted || q.redirect_uri === undefined || !uris.includes(q.redirect_uri)) {
    reply.code(400).type('text/html; charset=utf-8').send(renderErrorPage('Unknown client or redirect_uri.'));
    return undefined;
  }
  const back = (error: string, description: string) => {
    redirectBack(reply, q.redirect_uri as string, q, { error, error_description: description });
    return undefined;
  };
  if (q.response_type !== 'code') return back('unsupported_response_type', 'Only response_type=code is supported.');
  // PKCE is required, and only S256 (RFC 9700 §2.1.1): plain is refused (unless its break is on).
  const methods = ctx.broken.has('followup-pkce-plain-refused') ? ['S256', 'plain'] : ['S256'];
  if (!q.code_challenge || !methods.includes(q.code_challenge_method ?? 'plain'))
    return back('invalid_request', 'code_challenge with code_challenge_method=S256 is required.');
  const scope = (q.scope ?? 'read').split(' ').filter(Boolean);
  if (scope.length === 0 || !scope.every((s) => SCOPES.includes(s)))
    return back('invalid_scope', 'The scope is not one this server grants.');
  return { scope: scope.join(' ') };
}

/**
 * `GET /authorize`: the sign-in and consent page (for `run --browser`); `POST /authorize` (the same query) signs in
 * and answers with a redirect carrying `code` or `error=access_denied`. A POST with `respond_with=json` in its form
 * gets `{ code, state, redirect_to }` instead (sandbox-only, so cards can get a code without a browser).
 */
export function registerAuthorizeRoutes(app: FastifyInstance, ctx: OauthContext): void {
  app.get<{ Querystring: Query }>('/authorize', async (req, reply) => {
    const ok = check(req, reply, ctx);
    if (!ok) return reply;
    const action = `${ctx.prefix}${req.url.slice(req.url.indexOf('/authorize'))}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderConsentPage({ appName: req.query.client_id ?? '', scope: ok.scope, csrf: '', action }));
  });

  app.post<{ Querystring: Query }>('/authorize', async (req, reply) => {
    const ok = check(req, reply, ctx);
    if (!ok) return reply;
    const q = req.query;
    if (field(req, 'decision') === 'deny')
      return redirectBack(reply, q.redirect_uri as string, q, { error: 'access_denied' });
    if (field(req, 'username') !== ctx.user.username || field(req, 'password') !== ctx.user.password) {
      const action = `${ctx.prefix}${req.url.slice(req.url.indexOf('/authorize'))}`;
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .send(
          renderConsentPage({
            appName: q.client_id ?? '',
            scope: ok.scope,
            csrf: '',
            action,
            error: 'Wrong username or password.',
          }),
        );
    }
    const code = ctx.state.addCode({
      clientId: q.client_id as string,
      redirectUri: q.redirect_uri as string,
      challenge: q.code_challenge as string,
      method: q.code_challenge_method === 'S256' ? 'S256' : 'plain',
      scope: ok.scope,
      exp: ctx.clock() + ctx.codeTtlMs,
      used: false,
      issued: [],
    });
    ctx.stats.issue(code);
    if (field(req, 'respond_with') === 'json') {
      const to = new URL(q.redirect_uri as string);
      to.searchParams.set('code', code);
      if (q.state !== undefined) to.searchParams.set('state', q.state);
      return reply.type('application/json').send({ code, state: q.state, redirect_to: to.toString() });
    }
    return redirectBack(reply, q.redirect_uri as string, q, { code });
  });
}
