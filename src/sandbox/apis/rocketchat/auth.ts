import type { FastifyReply, FastifyRequest } from 'fastify';
import { secretMatches } from '../../secrets.js';
import type { RocketchatContext, RocketchatUser } from './context.js';
import { forbidden, notLoggedIn } from './responses.js';

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** The user whose X-User-Id + X-Auth-Token pair matches, if any. */
export function loggedInUser(ctx: RocketchatContext, req: FastifyRequest): RocketchatUser | undefined {
  const userId = header(req, 'x-user-id');
  const token = header(req, 'x-auth-token');
  const user = userId ? ctx.state.users.get(userId) : undefined;
  return user && secretMatches(token, user.tokenDigest) ? user : undefined;
}

/** preHandler: 401 without a valid login, 403 without the permission. */
export function requirePermission(ctx: RocketchatContext, permission: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const user = loggedInUser(ctx, req);
    if (!user) return notLoggedIn(reply);
    if (!user.permissions.includes(permission)) return forbidden(reply);
    return undefined;
  };
}
