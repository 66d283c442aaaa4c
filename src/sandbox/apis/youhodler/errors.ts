import type { FastifyReply } from 'fastify';

/** Messages exactly as seed 003 words them (and, beyond the seed, for the codes it leaves out). */
export const MESSAGES = {
  invalid_request: 'Request is invalid.',
  idempotency_conflict: 'Idempotency key conflict.',
  not_admissible: 'Request is not admissible.',
  rate_limited: 'Too many requests.',
  upstream_error: 'An upstream service returned an unexpected error.',
  temporarily_unavailable: 'Service is temporarily unavailable.',
  invalid_client: 'Client authentication failed.',
  unauthorized: 'Authentication is required.',
  not_found: 'Service account not found.',
  internal_error: 'Internal error.',
} as const;

export type ErrorCode = keyof typeof MESSAGES;

/** A response computed before it is sent, so an idempotency store can keep its exact bytes. */
export interface YhResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** `{ code, details?, message }`, keys in seed 003's order. */
export function errorBody(code: ErrorCode, details?: Record<string, unknown>): Record<string, unknown> {
  return details ? { code, details, message: MESSAGES[code] } : { code, message: MESSAGES[code] };
}

export function yhError(status: number, code: ErrorCode, details?: Record<string, unknown>): YhResult {
  return { status, body: errorBody(code, details) };
}

export const invalidRequest = (reason: string): YhResult => yhError(400, 'invalid_request', { reason });

/** 429 with both the body's retry_after_ms and a Retry-After header (whole seconds, rounded up). */
export function rateLimited(retryAfterMs: number): YhResult {
  return {
    status: 429,
    body: errorBody('rate_limited', { retry_after_ms: retryAfterMs }),
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  };
}

export function sendResult(reply: FastifyReply, result: YhResult) {
  reply.code(result.status);
  for (const [k, v] of Object.entries(result.headers ?? {})) reply.header(k, v);
  return result.status === 204 ? reply.send() : reply.send(result.body);
}
