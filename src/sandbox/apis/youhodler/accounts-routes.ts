import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashSecret, newSecret } from '../../secrets.js';
import { requireAdmin } from './admin-auth.js';
import type { YouhodlerContext } from './context.js';
import type { YhResult } from './errors.js';
import { invalidRequest, sendResult, yhError } from './errors.js';
import type { ServiceAccount } from './state.js';
import { publicAccount } from './state.js';

export const KIND = 'service-account';
const DEFAULT_CAPABILITIES = ['wallets:read'];

type Params = { Params: { id: string } };

function parseCreate(body: unknown): { name: string; capabilities: string[]; limit?: number } | YhResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalidRequest('malformed_body');
  const b = body as Record<string, unknown>;
  if (typeof b.name !== 'string' || b.name.trim() === '') return invalidRequest('missing_name');
  const caps = b.capabilities ?? DEFAULT_CAPABILITIES;
  if (!Array.isArray(caps) || !caps.every((c): c is string => typeof c === 'string' && c !== ''))
    return invalidRequest('invalid_capabilities');
  const limit = b.token_rate_limit_per_minute;
  if (limit !== undefined && limit !== null && !(typeof limit === 'number' && Number.isInteger(limit) && limit > 0))
    return invalidRequest('invalid_token_rate_limit');
  return { name: b.name, capabilities: [...new Set(caps)], limit: typeof limit === 'number' ? limit : undefined };
}

/** Service accounts: create, read, rotate-secret, disable, delete (admin Bearer token). */
export function registerAccountsRoutes(app: FastifyInstance, ctx: YouhodlerContext): void {
  const preHandler = requireAdmin(ctx);
  const notFound = yhError(404, 'not_found');
  const now = () => new Date(ctx.clock()).toISOString();

  app.post('/service-accounts', { preHandler }, async (req, reply) => {
    const input = parseCreate(req.body);
    if ('status' in input) return sendResult(reply, input);
    const secret = ctx.stats.issue(newSecret('cs_sandbox_'));
    const at = now();
    const account: ServiceAccount = {
      id: randomUUID(),
      clientId: randomUUID(),
      name: input.name,
      capabilities: input.capabilities,
      status: 'active',
      tokenRateLimitPerMinute: input.limit,
      secretDigest: hashSecret(secret),
      createdAt: at,
      updatedAt: at,
    };
    ctx.state.accounts.set(account.id, account);
    ctx.stats.created(KIND, account.id);
    return reply.code(201).send({ ...publicAccount(account), client_secret: secret });
  });

  app.get<Params>('/service-accounts/:id', { preHandler }, async (req, reply) => {
    const account = ctx.state.accounts.get(req.params.id);
    return account ? publicAccount(account) : sendResult(reply, notFound);
  });

  app.post<Params>('/service-accounts/:id/rotate-secret', { preHandler }, async (req, reply) => {
    const account = ctx.state.accounts.get(req.params.id);
    if (!account) return sendResult(reply, notFound);
    const secret = ctx.stats.issue(newSecret('cs_sandbox_'));
    // The old digest is replaced: from now on only the new secret authenticates.
    account.secretDigest = hashSecret(secret);
    account.updatedAt = now();
    return { ...publicAccount(account), client_secret: secret };
  });

  app.post<Params>('/service-accounts/:id/disable', { preHandler }, async (req, reply) => {
    const account = ctx.state.accounts.get(req.params.id);
    if (!account) return sendResult(reply, notFound);
    if (account.status !== 'disabled') {
      account.status = 'disabled';
      account.updatedAt = now();
    }
    return publicAccount(account);
  });

  app.delete<Params>('/service-accounts/:id', { preHandler }, async (req, reply) => {
    const account = ctx.state.accounts.get(req.params.id);
    if (!account) return sendResult(reply, notFound);
    ctx.state.accounts.delete(account.id);
    ctx.limiter.forget(account.clientId);
    ctx.stats.removed(KIND, account.id);
    return reply.code(204).send();
  });
}
