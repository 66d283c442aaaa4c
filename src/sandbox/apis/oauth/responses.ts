import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretMatches } from '../../secrets.js';
import type { OauthContext } from './context.js';
import type { Client } from './state.js';

/** An RFC 6749 §5.2 error: `{ error, error_description }` as JSON. */
export function oauthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
) {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(status).type('application/json').send({ error, error_description: description });
}

/** RFC 6749 §5.1: token responses are never cached. */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

export const field = (req: FastifyRequest, name: string): string | undefined => {
  const body = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
};

type ClientAuth = { client: Client } | { failed: true; basic: boolean } | { none: true };

function basicCredentials(header: string | undefined): [string, string] | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-encoded before Basic.
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return [dec(decoded.slice(0, i)), dec(decoded.slice(i + 1))];
}

/** Client authentication (RFC 6749 §2.3.1): HTTP Basic, or client_id and client_secret in the body. */
export function authenticateClient(req: FastifyRequest, ctx: OauthContext): ClientAuth {
  const header = req.headers.authorization;
  const basic = basicCredentials(header);
  const [id, secret] = basic ?? [field(req, 'client_id'), field(req, 'client_secret')];
  if (header !== undefined && !basic) return { failed: true, basic: true };
  if (id === undefined && secret === undefined) return { none: true };
  const client = id === undefined ? undefined : ctx.state.clients.get(id);
  if (!client || client.deleted || !secretMatches(secret, client.secretDigest))
    return { failed: true, basic: basic !== undefined };
  return { client };
}

/** 401 invalid_client with a Basic challenge (RFC 6749 §5.2). */
export const invalidClient = (reply: FastifyReply) =>
  oauthError(reply, 401, 'invalid_client', 'Client authentication failed.', {
    'www-authenticate': 'Basic realm="oauth-sandbox"',
  });

/** The API's base URL as the client reached it: the issuer (RFC 8414 §2). */
export const issuerOf = (req: FastifyRequest, ctx: OauthContext) =>
  `${req.protocol}://${req.headers.host ?? 'localhost'}${ctx.prefix}`;
