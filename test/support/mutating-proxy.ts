import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What to do to the one response the proxy mutates: a status, a change to its JSON body, or to one header. */
export type Mutation =
  | { status: number }
  | { body: (json: unknown) => unknown }
  | { header: string; value: string | undefined };

export interface MutatingProxy {
  origin: string;
  /**
   * Mutate responses to requests `METHOD /path` matching `route` (a RegExp on the path) until cleared; with `skip`,
   * the first `skip` matching requests after each `set` pass untouched (setup steps sending the same route first).
   */
  set(route: { method: string; path: RegExp; skip?: number } | undefined, mutation?: Mutation): void;
  /** How many responses were mutated since the last `set`. */
  mutated(): number;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of a server: forwards every request as it is and
 * answers with the upstream's response, except the responses to one route,
 * which it breaks as told (a status, a field dropped, retyped or changed).
 * A test of cardcheck, not of the server: a card that still passes checked
 * nothing about what was broken.
 */
export async function startMutatingProxy(upstream: string): Promise<MutatingProxy> {
  let route: { method: string; path: RegExp; skip?: number } | undefined;
  let mutation: Mutation | undefined;
  let count = 0;
  let seen = 0;
  const hits = (method: string | undefined, path: string) =>
    route !== undefined && mutation !== undefined && method === route.method && route.path.test(path);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
      ) as Record<string, string>;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const up = await fetch(`${upstream}${req.url}`, { method: req.method, headers, body, redirect: 'manual' });
      let status = up.status;
      let text = await up.text();
      const path = (req.url ?? '').split('?')[0] ?? '';
      const hit = hits(req.method, path) && seen++ >= (route?.skip ?? 0);
      if (hit && mutation) {
        count++;
        if ('status' in mutation) status = mutation.status;
        else if ('body' in mutation) text = JSON.stringify(mutation.body(JSON.parse(text)));
      }
      const out: Record<string, string> = {};
      up.headers.forEach((v, k) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
      });
      if (hit && mutation && 'header' in mutation) {
        if (mutation.value === undefined) delete out[mutation.header];
        else out[mutation.header] = mutation.value;
      }
      res.writeHead(status, out).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set(r, m) {
      route = r;
      mutation = m;
      count = 0;
      seen = 0;
    },
    mutated: () => count,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
