/**
 * The hostile servers of test/hostile for the bench (plain JS; the tests' own
 * are in test/support/misbehaving-server.ts): an endless chunked body, a 200 MB
 * body made as it is sent, a drip of one byte per 200 ms, a server that never
 * answers. Loopback only.
 */
import { createServer } from 'node:http';

const CHUNK = Buffer.alloc(16 * 1024, 'a');

function pump(res, total) {
  let sent = 0;
  const more = () => {
    while (sent < total && !res.destroyed) {
      const chunk = total - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - sent);
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end();
  };
  more();
}

const ROUTES = {
  '/endless': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    pump(res, Number.POSITIVE_INFINITY);
  },
  '/big': (res) => {
    const size = 200 * 1024 * 1024;
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(size) });
    pump(res, size);
  },
  '/drip': (res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 200);
    res.on('close', () => clearInterval(timer));
  },
  '/silent': () => {},
};

export async function startMisbehavingServer() {
  const sockets = new Set();
  const server = createServer((req, res) => {
    req.resume();
    const route = ROUTES[(req.url ?? '/').split('?')[0]];
    if (route) route(res);
    else res.writeHead(404).end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
