import type { FastifyInstance } from 'fastify';
import { listBreaks } from './breaks/registry.js';
import type { SandboxStats } from './stats.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const isLoopback = (ip: string): boolean => LOOPBACK.has(ip);

/** What `GET /__sandbox/stats` answers a client at `ip`: stats for loopback, 403 for anyone else. */
export function statsResponse(ip: string, stats: SandboxStats): { status: number; body: unknown } {
  return isLoopback(ip)
    ? { status: 200, body: stats.snapshot() }
    : { status: 403, body: { error: 'stats are only served to loopback clients' } };
}

/**
 * `/__sandbox/*`: stats (loopback only) and the enabled breaks. Never faulted, never broken.
 * Issued secrets are not served over HTTP; tests read them in process.
 */
export function registerAdminRoutes(app: FastifyInstance, stats: SandboxStats, enabledBreaks: readonly string[]): void {
  app.get('/__sandbox/stats', async (req, reply) => {
    const { status, body } = statsResponse(req.ip, stats);
    return reply.code(status).send(body);
  });
  app.get('/__sandbox/breaks', async () => ({
    enabled: enabledBreaks,
    available: listBreaks().map(({ name, api, route, kind, description }) => ({ name, api, route, kind, description })),
  }));
}
