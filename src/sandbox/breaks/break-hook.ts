import type { FastifyInstance } from 'fastify';
import type { ApiMount } from '../api-mount.js';
import type { BreakableResponse, ContractBreak } from './contract-break.js';

const parseJson = (payload: string): unknown => {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
};

/** `METHOD /prefix/path`, as fastify names a matched route. */
const routeKey = (b: ContractBreak, mounts: readonly ApiMount[]) => {
  const [method = '', path = ''] = b.route.split(' ');
  const prefix = mounts.find((m) => m.name === b.api)?.prefix ?? `/${b.api}`;
  return `${method} ${prefix}${path}`;
};

/** Applies the enabled breaks to their routes' 2xx JSON responses, after the handler ran. */
export function registerBreakHook(
  app: FastifyInstance,
  enabled: readonly ContractBreak[],
  mounts: readonly ApiMount[],
): void {
  enabled = enabled.filter((b) => b.kind !== 'standard');
  if (enabled.length === 0) return;
  const byRoute = new Map<string, ContractBreak[]>();
  for (const b of enabled) byRoute.set(routeKey(b, mounts), [...(byRoute.get(routeKey(b, mounts)) ?? []), b]);

  app.addHook('onSend', async (req, reply, payload) => {
    const breaks = byRoute.get(`${req.method} ${req.routeOptions.url ?? ''}`);
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (
      !breaks ||
      reply.statusCode < 200 ||
      reply.statusCode >= 300 ||
      typeof payload !== 'string' ||
      !contentType.includes('json')
    )
      return payload;
    let res: BreakableResponse = { status: reply.statusCode, contentType, body: parseJson(payload) };
    for (const b of breaks) res = b.apply(res);
    reply.code(res.status).header('content-type', res.contentType).removeHeader('content-length');
    return res.contentType.includes('json') ? JSON.stringify(res.body) : String(res.body);
  });
}
