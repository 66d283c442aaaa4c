import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoServer {
  url: string;
  /** Every request received, in order. */
  seen: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }[];
  close(): Promise<void>;
}

/**
 * A loopback server that answers every request with what it received, as JSON.
 * Paths under /html answer HTML, /text plain text, /empty 204, /redirect a 302 to /landed,
 * /offsite a 302 to another origin.
 */
export async function startEchoServer(): Promise<EchoServer> {
  const seen: EchoServer['seen'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = req.url ?? '/';
      seen.push({ method: req.method ?? '', url, headers: req.headers, body });
      if (url.startsWith('/api/html'))
        return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><p>hello</p>');
      if (url.startsWith('/api/text')) return res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words');
      if (url.startsWith('/api/empty')) return res.writeHead(204).end();
      if (url.startsWith('/api/redirect')) return res.writeHead(302, { location: '/api/landed' }).end();
      if (url.startsWith('/api/offsite'))
        return res.writeHead(302, { location: 'http://example.invalid/elsewhere' }).end();
      return res
        .writeHead(200, { 'content-type': 'application/json', 'x-echo': 'yes' })
        .end(JSON.stringify({ method: req.method, url, headers: req.headers, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
