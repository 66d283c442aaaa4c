import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret, newSecret, secretMatches } from '../../secrets.js';
import type { OauthContext } from './context.js';
import { issuerOf, oauthError } from './responses.js';
import type { Client } from './state.js';
import { KIND } from './state.js';

const isAbsoluteUrl = (v: unknown) => {
  if (typeof v !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(v).protocol) && !v.includes('#');
  } catch {
    return false;
  }
};

const STRING_LISTS = ['grant_types', 'response_types'];
const STRINGS = ['client_name', 'client_uri', 'scope', 'token_endpoint_auth_method'];

/** RFC 7591 §2 metadata, checked; an error (§3.2.2) or the metadata with defaults filled in. */
function readMetadata(body: unknown): { error: string; description: string } | { metadata: Record<string, unknown> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { error: 'invalid_client_metadata', description: 'The body is not a JSON object.' };
  const m = body as Record<string, unknown>;
  const uris = m.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || !uris.every(isAbsoluteUrl))
    return { error: 'invalid_redirect_uri', description: 'redirect_uris must be a list of absolute URLs.' };
  for (const k of STRING_LISTS)
    if (k in m && !(Array.isArray(m[k]) && (m[k] as unknown[]).every((x) => typeof x === 'string')))
      return { error: 'invalid_client_metadata', description: `${k} must be a list of strings.` };
  for (const k of STRINGS)
    if (k in m && typeof m[k] !== 'string')
      return { error: 'invalid_client_metadata', description: `${k} must be a string.` };
  return {
    metadata: {
      redirect_uris: uris,
      client_name: m.client_name,
      grant_types: m.grant_types ?? ['authorization_code', 'refresh_token'],
      response_types: m.response_types ?? ['code'],
      token_endpoint_auth_method: m.token_endpoint_auth_method ?? 'client_secret_basic',
      ...(m.client_uri !== undefined ? { client_uri: m.client_uri } : {}),
      ...(m.scope !== undefined ? { scope: m.scope } : {}),
    },
  };
}

/** The client a management request (RFC 7592 §2) names, when its registration access token is right. */
function managed(
  req: FastifyRequest<{ Params: { clientId: string } }>,
  ctx: OauthContext,
): { client: Client; token: string } | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const client = ctx.state.clients.get(req.params.clientId);
  if (!client?.ratDigest || !secretMatches(token, client.ratDigest)) return undefined;
  // The break keeps a deleted client readable: its registration was not deleted for good.
  if (client.deleted && !ctx.broken.has('followup-registration-deleted')) return undefined;
  return { client, token: token as string };
}

const invalidToken = (reply: FastifyReply) =>
  reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="oauth-sandbox", error="invalid_token"')
    .type('application/json')
    .send({ error: 'invalid_token', error_description: 'The registration access token is invalid.' });

function view(req: FastifyRequest, ctx: OauthContext, client: Client, extra: Record<string, unknown> = {}) {
  return {
    client_id: client.clientId,
    client_id_issued_at: client.issuedAt,
    ...extra,
    ...client.metadata,
    registration_client_uri: `${issuerOf(req, ctx)}/register/${client.clientId}`,
  };
}

/** `POST /register` (RFC 7591) and `GET|PUT|DELETE /register/:clientId` (RFC 7592), JSON only. */
export function registerRegistrationRoutes(app: FastifyInstance, ctx: OauthContext): void {
  app.post('/register', async (req, reply) => {
    const read = readMetadata(req.body);
    if ('error' in read) return oauthError(reply, 400, read.error, read.description);
    const secret = newSecret('cs_');
    const rat = newSecret('rat_');
    const client: Client = {
      clientId: `client_${randomBytes(9).toString('base64url')}`,
      secretDigest: hashSecret(secret),
      ratDigest: hashSecret(rat),
      issuedAt: Math.floor(ctx.clock() / 1000),
      metadata: read.metadata,
      deleted: false,
    };
    ctx.state.addClient(client);
    ctx.stats.created(KIND, client.clientId);
    ctx.stats.issue(secret);
    ctx.stats.issue(rat);
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .type('application/json')
      .send(
        view(req, ctx, client, {
          client_secret: secret,
          client_secret_expires_at: 0,
          registration_access_token: rat,
        }),
      );
  });

  app.get<{ Params: { clientId: string } }>('/register/:clientId', async (req, reply) => {
    const found = managed(req, ctx);
    if (!found) return invalidToken(reply);
    // RFC 7592 §3: the answer carries the (unchanged) registration access token and the client URI.
    return reply
      .code(200)
      .type('application/json')
      .send(view(req, ctx, found.client, { registration_access_token: found.token }));
  });

  app.put<{ Params: { clientId: string } }>('/register/:clientId', async (req, reply) => {
    const found = managed(req, ctx);
    if (!found) return invalidToken(reply);
    const read = readMetadata(req.body);
    if ('error' in read) return oauthError(reply, 400, read.error, read.description);
    found.client.metadata = read.metadata;
    return reply
      .code(200)
      .type('application/json')
      .send(view(req, ctx, found.client, { registration_access_token: found.token }));
  });

  app.delete<{ Params: { clientId: string } }>('/register/:clientId', async (req, reply) => {
    const found = managed(req, ctx);
    if (!found) return invalidToken(reply);
    const { client } = found;
    client.deleted = true;
    ctx.state.revokeClient(client.clientId);
    ctx.stats.removed(KIND, client.clientId);
    return reply.code(204).send();
  });
}
