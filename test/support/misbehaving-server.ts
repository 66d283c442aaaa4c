import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';

/** What the server managed to send on one route: bytes the socket accepted, and whether the client hung up. */
export interface RouteStats {
  requests: number;
  bytesSent: number;
  /** The client dropped the connection before the body ended. */
  dropped: boolean;
}

export interface MisbehavingServer {
  origin: string;
  stats: (route: string) => RouteStats;
  /** Requests seen, as `METHOD path`. */
  seen: string[];
  close: () => Promise<void>;
}

const CHUNK = Buffer.alloc(16 * 1024, 'a');

/** Write chunks until `total` bytes (Infinity: forever), waiting for drain; counts what the socket took. */
function pump(res: ServerResponse, stats: RouteStats, total: number): void {
  let sent = 0;
  const more = () => {
    while (sent < total && !res.destroyed) {
      const chunk = total - sent >= CHUNK.length ? CHUNK : CHUNK.subarray(0, total - sent);
      sent += chunk.length;
      stats.bytesSent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end();
  };
  more();
}

/** One byte every `ms`, of a body that says it has `length` bytes. */
function drip(res: ServerResponse, stats: RouteStats, ms: number, length: number): void {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(length) });
  let sent = 0;
  const timer = setInterval(() => {
    if (res.destroyed || sent >= length) return clearInterval(timer);
    res.write('x');
    sent++;
    stats.bytesSent++;
  }, ms);
  res.on('close', () => clearInterval(timer));
}

type Handler = (req: IncomingMessage, res: ServerResponse, stats: RouteStats) => void;

const ROUTES: Record<string, Handler> = {
  // Chunked and endless.
  '/endless': (_req, res, stats) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    pump(res, stats, Number.POSITIVE_INFINITY);
  },
  // 200 MB with its Content-Length, made as it is sent (never in memory).
  '/big': (_req, res, stats) => {
    const size = 200 * 1024 * 1024;
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(size) });
    pump(res, stats, size);
  },
  '/drip': (_req, res, stats) => drip(res, stats, 200, 1000),
  // Accepts, reads the request, never answers.
  '/silent': () => {},
  '/bad-location': (_req, res) => res.writeHead(302, { location: 'http://[::1' }).end(),
  '/things': (req, res) => {
    if (req.method === 'POST') res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"t1"}');
    else res.writeHead(204).end();
  },
  '/things/t1': (_req, res) => res.writeHead(204).end(),
};

/** A loopback server whose routes misbehave: an endless body, a 200 MB body, a drip, silence, a bad Location. */
export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const stats = new Map<string, RouteStats>();
  const statsOf = (route: string) => {
    const s = stats.get(route) ?? { requests: 0, bytesSent: 0, dropped: false };
    stats.set(route, s);
    return s;
  };
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const route = (req.url ?? '/').split('?')[0] ?? '/';
    seen.push(`${req.method} ${route}`);
    const s = statsOf(route);
    s.requests++;
    res.on('close', () => {
      if (!res.writableFinished) s.dropped = true;
    });
    req.resume();
    const handler = ROUTES[route];
    if (handler) handler(req, res, s);
    else res.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stats: statsOf,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A loopback port whose listener never accepts: a child process listens with
 * the smallest backlog and then blocks its event loop, and idle connections
 * fill the backlog, so a new connection is never completed (its SYN is dropped),
 * as with a host behind a firewall, but on this machine.
 */
export async function startFullBacklogHost(): Promise<{ origin: string; close: () => Promise<void> }> {
  const script = `
    const net = require('node:net');
    const s = net.createServer();
    s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(s.address().port + '\\n', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('error', reject);
  });
  const fillers: Socket[] = [];
  // Connections the kernel completes sit in the backlog; once it is full, a connection attempt just waits.
  for (let i = 0; i < 64; i++) {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.on('error', () => {});
    fillers.push(socket);
    const completed = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 300);
      socket.once('connect', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    if (!completed) break;
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
