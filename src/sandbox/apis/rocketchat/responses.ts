import type { FastifyReply } from 'fastify';

/** Rocket.Chat's failure shape (seed 002's 400s, and its 403). */
export function rcFailure(reply: FastifyReply, status: number, error: string, errorType?: string) {
  return reply
    .code(status)
    .send(errorType ? { success: false, error: `${error} [${errorType}]`, errorType } : { success: false, error });
}

export const invalidParams = (reply: FastifyReply, message: string) => rcFailure(reply, 400, message, 'invalid-params');

/** Seed 002's 401: a different shape from the 400s. */
export function notLoggedIn(reply: FastifyReply) {
  return reply.code(401).send({ status: 'error', message: 'You must be logged in to do this.' });
}

export function forbidden(reply: FastifyReply) {
  return rcFailure(reply, 403, 'User does not have the permissions required for this action', 'error-unauthorized');
}

export function appNotFound(reply: FastifyReply) {
  return rcFailure(reply, 400, 'Application not found', 'error-application-not-found');
}
