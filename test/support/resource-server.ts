import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server that keeps resources, as a real API does, and misbehaves the way real ones do: `POST /flaky`
 * creates a thing and then answers 500 (with its id in the body and a Location header); `POST /things` answers 201
 * with a Location; `POST /oauth/token` issues tokens; `DELETE /things/:id` removes one. `alive()` lists the route
 * that made each thing still there, so a test can see what a run left behind.
 */
export interface ResourceServer {
  url: string;
  alive(): string[];
  seen: string[];
  close(): Promise<void>;
}

export async function startResourceServer(): Promise<ResourceServer> {
  /** Each thing still there, with the route that made it. */
  const things = new Map<string, string>();
  const seen: string[] = [];
  let next = 1;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = req.url ?? '';
      seen.push(`${req.method} ${url}`);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      };
      if (req.method === 'POST' && (url === '/flaky' || url === '/things')) {
        const id = `t${next++}`;
        things.set(id, url);
        const location = { location: `/things/${id}` };
        if (url === '/flaky') return json(500, { error: 'database timeout after commit', id }, location);
        return json(201, { id }, location);
      }
      if (req.method === 'POST' && url === '/oauth/token')
        return json(200, { access_token: `at-${next++}`, token_type: 'Bearer', expires_in: 60 });
      const m = /^\/things\/([\w-]+)$/.exec(url);
      if (req.method === 'DELETE' && m) return json(things.delete(m[1] as string) ? 200 : 404, {});
      if (req.method === 'GET' && m) return json(things.has(m[1] as string) ? 200 : 404, { id: m[1] });
      return json(404, { error: 'no route' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    alive: () => [...things.values()].sort(),
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
