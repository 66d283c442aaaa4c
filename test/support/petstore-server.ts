import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback implementation of fixtures/openapi/petstore.yaml, small and
 * strict: a missing required query parameter or body field is a 400, a missing
 * or wrong credential a 401 (bearer, `X-API-Key`, or the OAuth token, as each
 * operation's security says), an unknown id a 404. `alive()` counts what is
 * still stored, so a test can see what a run left behind.
 */
export interface PetstoreServer {
  url: string;
  alive(): number;
  close(): Promise<void>;
}

export const PETSTORE_CREDENTIALS = {
  PETSTORE_BEARER_AUTH: 'petstore-bearer-0c1d',
  PETSTORE_API_KEY: 'petstore-key-7f2a',
  PETSTORE_AUTH: 'petstore-oauth-93be',
  // The OAuth client `POST /oauth/token` gives PETSTORE_AUTH's token to (client_credentials, HTTP Basic).
  PETSTORE_AUTH_CLIENT_ID: 'petstore-client',
  PETSTORE_AUTH_CLIENT_SECRET: 'petstore-client-secret-51d0',
};

interface Pet {
  id: number;
  name: string;
  status: string;
  tag: string | null;
}
const STATUSES = ['available', 'pending', 'sold'];
const isText = (v: unknown, min = 1): v is string => typeof v === 'string' && v.length >= min;

type Reply = (status: number, body?: unknown) => void;
type Auth = 'bearer' | 'key' | 'oauth' | 'none';

export async function startPetstoreServer(): Promise<PetstoreServer> {
  const pets = new Map<number, Pet>();
  const photos = new Map<string, { id: string; petId: number; url: string; caption?: string }>();
  const orders = new Map<string, { id: string; petId: number; quantity: number; status: string }>();
  const users = new Map<string, { username: string; email: string; phone?: string }>();
  let next = 1;

  const authorized = (req: IncomingMessage, auth: Auth): boolean => {
    const bearer = req.headers.authorization ?? '';
    if (auth === 'bearer') return bearer === `Bearer ${PETSTORE_CREDENTIALS.PETSTORE_BEARER_AUTH}`;
    if (auth === 'oauth') return bearer === `Bearer ${PETSTORE_CREDENTIALS.PETSTORE_AUTH}`;
    if (auth === 'key') return req.headers['x-api-key'] === PETSTORE_CREDENTIALS.PETSTORE_API_KEY;
    return true;
  };
  const newPet = (b: Record<string, unknown>): string | undefined =>
    !isText(b.name) ? 'name is required' : !STATUSES.includes(String(b.status)) ? 'status is required' : undefined;

  /** The route for a request: its security and what it does. */
  function route(
    method: string,
    url: URL,
    body: Record<string, unknown>,
    reply: Reply,
  ): [Auth, () => void] | undefined {
    const q = url.searchParams;
    const p = url.pathname.split('/').slice(1);
    const pet = p[0] === 'pets' && p[1] ? pets.get(Number(p[1])) : undefined;
    // Path parameters as `*`: /pets/7/photos → /pets/*/photos; fixed segments stay.
    const FIXED = new Set([
      'pets',
      'photos',
      'store',
      'orders',
      'inventory',
      'users',
      'login',
      'reports',
      'findByStatus',
      'health',
    ]);
    const key = `${method} /${p.map((s) => (FIXED.has(s) ? s : '*')).join('/')}`;
    const bad = (message: string) => reply(400, { code: 'bad_request', message });
    const missing = () => reply(404, { code: 'not_found', message: 'no such resource' });
    const routes: Record<string, [Auth, () => void]> = {
      'GET /health': ['none', () => reply(200, { status: 'ok' })],
      'GET /pets': [
        'bearer',
        () => {
          const limit = Number(q.get('limit'));
          if (!q.has('limit') || !Number.isInteger(limit) || limit < 1 || limit > 100) return bad('limit is required');
          reply(200, { items: [...pets.values()].slice(0, limit), total: pets.size });
        },
      ],
      'POST /pets': [
        'bearer',
        () => {
          const problem = newPet(body);
          if (problem) return bad(problem);
          const created = { id: next++, name: String(body.name), status: String(body.status), tag: null };
          pets.set(created.id, created);
          reply(201, created);
        },
      ],
      'GET /pets/findByStatus': [
        'bearer',
        () =>
          STATUSES.includes(q.get('status') ?? '')
            ? reply(
                200,
                [...pets.values()].filter((x) => x.status === q.get('status')),
              )
            : bad('status is required'),
      ],
      'GET /pets/*': ['bearer', () => (pet ? reply(200, pet) : missing())],
      'PUT /pets/*': [
        'bearer',
        () => {
          if (!pet) return missing();
          const problem = newPet(body);
          if (problem) return bad(problem);
          Object.assign(pet, { name: body.name, status: body.status });
          reply(200, pet);
        },
      ],
      'DELETE /pets/*': [
        'bearer',
        () => {
          if (!pet) return missing();
          pets.delete(pet.id);
          for (const [id, ph] of photos) if (ph.petId === pet.id) photos.delete(id);
          reply(204);
        },
      ],
      'GET /pets/*/photos': [
        'bearer',
        () =>
          pet
            ? reply(
                200,
                [...photos.values()].filter((x) => x.petId === pet.id),
              )
            : missing(),
      ],
      'POST /pets/*/photos': [
        'bearer',
        () => {
          if (!pet) return missing();
          if (!isText(body.url)) return bad('url is required');
          const photo = {
            id: `ph${next++}`,
            petId: pet.id,
            url: body.url,
            ...(isText(body.caption) ? { caption: body.caption } : {}),
          };
          photos.set(photo.id, photo);
          reply(201, photo);
        },
      ],
      'DELETE /pets/*/photos/*': [
        'bearer',
        () => (pet && photos.get(p[3] ?? '')?.petId === pet.id && photos.delete(p[3] ?? '') ? reply(204) : missing()),
      ],
      'GET /store/inventory': [
        'key',
        () =>
          reply(
            200,
            Object.fromEntries(STATUSES.map((s) => [s, [...pets.values()].filter((x) => x.status === s).length])),
          ),
      ],
      'POST /store/orders': [
        'oauth',
        () => {
          if (!Number.isInteger(body.petId)) return bad('petId is required');
          if (!Number.isInteger(body.quantity) || Number(body.quantity) < 1) return bad('quantity is required');
          const order = {
            id: randomUUID(),
            petId: Number(body.petId),
            quantity: Number(body.quantity),
            status: 'placed',
          };
          orders.set(order.id, order);
          reply(201, order);
        },
      ],
      'GET /store/orders/*': ['oauth', () => (orders.has(p[2] ?? '') ? reply(200, orders.get(p[2] ?? '')) : missing())],
      'DELETE /store/orders/*': ['oauth', () => (orders.delete(p[2] ?? '') ? reply(204) : missing())],
      'POST /users': [
        'bearer',
        () => {
          if (!isText(body.username, 3)) return bad('username is required (3 characters or more)');
          if (!isText(body.email) || !body.email.includes('@')) return bad('email is required');
          if (users.has(body.username)) return reply(409, { code: 'conflict', message: 'username taken' });
          const user = { username: body.username, email: body.email };
          users.set(user.username, user);
          reply(201, user);
        },
      ],
      'GET /users/login': [
        'none',
        () =>
          isText(q.get('username')) && isText(q.get('password'))
            ? reply(200, { token: `session-${next++}`, expiresIn: 3600 })
            : bad('username and password are required'),
      ],
      'GET /users/*': ['bearer', () => (users.has(p[1] ?? '') ? reply(200, users.get(p[1] ?? '')) : missing())],
      'DELETE /users/*': ['bearer', () => (users.delete(p[1] ?? '') ? reply(204) : missing())],
      'GET /reports/*': ['key', () => missing()],
    };
    return routes[key];
  }

  /** RFC 6749 client credentials, the client authenticated by HTTP Basic. */
  const token = (req: IncomingMessage, text: string, reply: Reply) => {
    const { PETSTORE_AUTH_CLIENT_ID: id, PETSTORE_AUTH_CLIENT_SECRET: secret } = PETSTORE_CREDENTIALS;
    const basic = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    if (new URLSearchParams(text).get('grant_type') !== 'client_credentials')
      return reply(400, { error: 'unsupported_grant_type' });
    if (req.headers.authorization !== basic) return reply(401, { error: 'invalid_client' });
    reply(200, { access_token: PETSTORE_CREDENTIALS.PETSTORE_AUTH, token_type: 'Bearer', expires_in: 3600 });
  };

  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const reply: Reply = (status, body) => {
      if (body === undefined) res.writeHead(status).end();
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method === 'POST' && req.url === '/oauth/token') return token(req, text, reply);
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return reply(400, { code: 'bad_request', message: 'body is not JSON' });
    }
    const found = route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x'), body, reply);
    if (!found) return reply(404, { code: 'not_found', message: 'no route' });
    if (!authorized(req, found[0]))
      return reply(401, { code: 'unauthorized', message: 'missing or wrong credentials' });
    found[1]();
  };

  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => handle(req, res, text));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    alive: () => pets.size + photos.size + orders.size + users.size,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
