import type { FastifyInstance } from 'fastify';
import type { OauthResponse, StandardsBreak } from './oauth-standards.js';

const HEADERS = ['content-type', 'cache-control', 'pragma', 'www-authenticate', 'location'] as const;

const applies = (b: StandardsBreak, status: number) =>
  b.on === 'success'
    ? status >= 200 && status < 300
    : b.on === 'error'
      ? status >= 400 && status < 500
      : b.on === 'redirect'
        ? status >= 300 && status < 400
        : status === 401;

const parse = (payload: string): unknown => {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
};

/** Applies the enabled standards breaks that mutate answers, in the oauth API's scope (routes without its prefix). */
export function registerOauthBreakHook(app: FastifyInstance, prefix: string, enabled: readonly StandardsBreak[]): void {
  const mutating = enabled.filter((b) => b.mutate);
  if (mutating.length === 0) return;
  app.addHook('onSend', async (req, reply, payload) => {
    const route = `${req.method} ${(req.routeOptions.url ?? '').slice(prefix.length)}`;
    const breaks = mutating.filter((b) => b.route === route && applies(b, reply.statusCode));
    if (breaks.length === 0 || (payload !== undefined && payload !== null && typeof payload !== 'string'))
      return payload;
    const headers = Object.fromEntries(
      HEADERS.map((h) => [h, reply.hasHeader(h) ? String(reply.getHeader(h)) : undefined]),
    ) as OauthResponse['headers'];
    let res: OauthResponse = { status: reply.statusCode, headers, body: payload ? parse(payload) : undefined };
    for (const b of breaks) res = b.mutate?.(res) ?? res;
    reply.code(res.status).removeHeader('content-length');
    for (const h of HEADERS) {
      const v = res.headers[h];
      if (v === undefined) reply.removeHeader(h);
      else reply.header(h, v);
    }
    if (res.body === undefined) return '';
    return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  });
}
