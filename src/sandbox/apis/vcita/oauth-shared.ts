import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { secretMatches } from '../../secrets.js';
import type { VcitaContext } from './context.js';
import type { App } from './state.js';

export const TOKEN_TTL_S = 3600;

export const digestHex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** RFC 6749 §5.2 error body; a 401 names the scheme the client may authenticate with, as §5.2 asks. */
export function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  if (status === 401) reply.header('www-authenticate', 'Basic realm="vcita"');
  return reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });
}

export function authenticate(ctx: VcitaContext, id: string | undefined, secret: string | undefined): App | undefined {
  const app = id ? ctx.state.apps.get(id) : undefined;
  return app && secretMatches(secret, app.secretDigest) ? app : undefined;
}

/** A signed access token for the client, recorded as issued. */
export async function issueAccessToken(
  ctx: VcitaContext,
  client: App,
  scope: string,
): Promise<{ accessToken: string; tokenId: string }> {
  const accessToken = ctx.stats.issue(
    await ctx.signer.sign(client.clientId, { scope, client_id: client.clientId }, TOKEN_TTL_S),
  );
  return { accessToken, tokenId: digestHex(accessToken) };
}
