import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clientCredentials } from '../../client-credentials.js';
import { secretMatches } from '../../secrets.js';
import type { YouhodlerContext } from './context.js';
import type { YhResult } from './errors.js';
import { invalidRequest, rateLimited, yhError } from './errors.js';
import type { StoredResponse } from './idempotency.js';
import { fingerprint } from './idempotency.js';

const TOKEN_TTL_S = 3600;
const ISSUED_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** The client_credentials grant, checked in this order: shape, client, rate limit, lifecycle, scope. */
async function issueToken(ctx: YouhodlerContext, req: FastifyRequest): Promise<YhResult> {
  const raw = req.body ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalidRequest('malformed_body');
  const body = raw as Record<string, unknown>;
  if (body.grant_type === undefined || body.grant_type === '') return invalidRequest('missing_grant_type');
  if (body.grant_type !== 'client_credentials') return invalidRequest('unsupported_grant_type');
  const creds = clientCredentials(req, body);
  if (!creds.id || !creds.secret) return invalidRequest('missing_client_credentials');
  if (body.scope !== undefined && typeof body.scope !== 'string') return invalidRequest('malformed_scope');

  const account = ctx.state.byClientId(creds.id);
  if (!account || !secretMatches(creds.secret, account.secretDigest)) return yhError(401, 'invalid_client');
  const limit = ctx.limiter.take(
    account.clientId,
    account.tokenRateLimitPerMinute ?? ctx.tokenRateLimitPerMinute,
    ctx.clock(),
  );
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  if (account.status === 'disabled') return yhError(422, 'not_admissible', { reason: 'not_applicable' });
  const asked = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : account.capabilities;
  if (asked.some((s) => !account.capabilities.includes(s))) return invalidRequest('capability_scope_mismatch');

  const token = await ctx.signer.sign(
    account.clientId,
    { client_id: account.clientId, scope: asked.join(' ') },
    TOKEN_TTL_S,
  );
  ctx.stats.issue(token);
  return {
    status: 200,
    headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
    body: { access_token: token, expires_in: TOKEN_TTL_S, issued_token_type: ISSUED_TOKEN_TYPE, token_type: 'Bearer' },
  };
}

const toStored = (r: YhResult): StoredResponse => ({
  status: r.status,
  headers: { ...r.headers, 'content-type': 'application/json; charset=utf-8' },
  payload: JSON.stringify(r.body),
});

/** `POST /oauth/token` (seed 003), with Idempotency-Key replay and conflict detection. */
export function registerTokenRoute(app: FastifyInstance, ctx: YouhodlerContext): void {
  app.post('/oauth/token', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    let response: StoredResponse;
    if (typeof key === 'string' && key !== '') {
      const outcome = await ctx.idempotency.run(key, fingerprint(req.body, req.headers.authorization), async () =>
        toStored(await issueToken(ctx, req)),
      );
      if (outcome.kind === 'conflict')
        response = toStored(yhError(409, 'idempotency_conflict', { reason: 'key_payload_mismatch' }));
      else {
        response = outcome.response;
        if (outcome.kind === 'replay') reply.header('idempotent-replayed', 'true');
      }
    } else {
      response = toStored(await issueToken(ctx, req));
    }
    reply.code(response.status).headers(response.headers);
    return reply.send(response.payload);
  });
}
