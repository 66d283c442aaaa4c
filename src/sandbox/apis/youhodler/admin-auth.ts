import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret, secretMatches } from '../../secrets.js';
import type { YouhodlerContext } from './context.js';
import { sendResult, yhError } from './errors.js';

/** preHandler: `Authorization: Bearer <admin token>` or 401 in the `{ code, message }` shape. */
export function requireAdmin(ctx: YouhodlerContext) {
  const digest = hashSecret(ctx.adminToken);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
    if (!secretMatches(token, digest)) return sendResult(reply, yhError(401, 'unauthorized'));
    return undefined;
  };
}
