import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Client {
  client_id: string;
  client_secret: string;
  registration_access_token: string;
}

/**
 * A loopback client registration server in the style of RFC 7591/7592:
 * `POST /reg` registers a client and returns its secret and a registration
 * access token; `DELETE /reg/<id>` needs that token as a Bearer credential
 * (401 without it). `GET /slow` never answers (a run waits there to be killed).
 * Every request is counted, so a test can show that nothing was sent.
 */
export async function startRegistrationServer() {
  const clients = new Map<string, Client>();
  const issued: string[] = [];
  const requests: string[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url}`);
    headers.push(req.headers);
    req.resume();
    req.on('end', () => handle(req, res));
  });
  const reply = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/reg') {
      const c: Client = {
        client_id: `client-${randomBytes(4).toString('hex')}`,
        client_secret: `cs~${randomBytes(12).toString('base64url')}!(x)`,
        registration_access_token: `rat_${randomBytes(16).toString('hex')}`,
      };
      clients.set(c.client_id, c);
      issued.push(c.client_secret, c.registration_access_token);
      return reply(res, 201, c);
    }
    const m = /^\/reg\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'DELETE' && m) {
      const c = clients.get(decodeURIComponent(m[1] ?? ''));
      if (!c) return reply(res, 404);
      if (req.headers.authorization !== `Bearer ${c.registration_access_token}`) return reply(res, 401);
      clients.delete(c.client_id);
      return reply(res, 204);
    }
    if (url.pathname === '/slow') return; // never answered
    if (req.method === 'GET' && url.pathname === '/ok') return reply(res, 200, { ok: true });
    reply(res, 404);
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    /** The headers of each request, in order. */
    headers,
    /** Clients registered and not deleted. */
    live: () => clients.size,
    /** Every client secret and registration access token handed out. */
    secrets: () => [...issued],
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type RegistrationServer = Awaited<ReturnType<typeof startRegistrationServer>>;

/** A secret in the forms it could be written in: raw, JSON-escaped, percent-encoded (both cases, `+`), base64(url). */
export function encodedForms(secret: string): string[] {
  const pct = encodeURIComponent(secret).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    pct,
    pct.toLowerCase(),
    pct.replace(/%20/g, '+'),
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
  ];
}
