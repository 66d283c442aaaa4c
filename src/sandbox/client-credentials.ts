import type { FastifyRequest } from 'fastify';

/** The JSON or form body of a request, as a plain record (empty when it is neither). */
export function bodyRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** client_id + client_secret from HTTP Basic (RFC 6749 §2.3.1), else from the body. */
export function clientCredentials(
  req: FastifyRequest,
  body: Record<string, unknown>,
): { id?: string; secret?: string } {
  const auth = req.headers.authorization ?? '';
  if (auth.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) {
      try {
        return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
      } catch {
        return { id: decoded.slice(0, i), secret: decoded.slice(i + 1) };
      }
    }
  }
  return { id: str(body.client_id), secret: str(body.client_secret) };
}
