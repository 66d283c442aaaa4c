import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, joinUrl } from './client.js';

interface Recorder {
  url: string;
  seen: { path: string; headers: IncomingHttpHeaders }[];
  server: Server;
}

async function startRecorder(answer: (path: string) => { status: number; location?: string }): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const a = answer(req.url ?? '');
    res
      .writeHead(a.status, { 'content-type': 'application/json', ...(a.location ? { location: a.location } : {}) })
      .end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

let second: Recorder;
let first: Recorder;
beforeAll(async () => {
  second = await startRecorder(() => ({ status: 200 }));
  first = await startRecorder((p) => {
    if (p === '/api/away') return { status: 302, location: `${second.url}/stolen` };
    if (p === '/api/away-307')
      return { status: 307, location: `${second.url.replace('127.0.0.1', 'localhost')}/stolen` };
    if (p === '/api/home') return { status: 302, location: '/api/landed' };
    return { status: 200 };
  });
});
afterAll(async () => {
  await Promise.all([first, second].map((r) => new Promise((resolve) => r.server.close(resolve))));
});

describe('redirects and credentials', () => {
  const auth = { authorization: 'Bearer sekrit-token-123', 'x-auth-token': 'another-secret-456' };

  it('never takes credentials to another origin: the redirect is returned, the second origin sees nothing', async () => {
    const http = createHttpClient();
    try {
      for (const path of ['/away', '/away-307']) {
        const res = await http.send({
          baseUrl: `${first.url}/api`,
          method: 'GET',
          path,
          headers: auth,
          followRedirects: true,
        });
        expect(res.status).toBe(path === '/away' ? 302 : 307);
      }
    } finally {
      await http.close();
    }
    expect(second.seen).toEqual([]);
    expect(first.seen.map((s) => s.headers.authorization)).toEqual([
      'Bearer sekrit-token-123',
      'Bearer sekrit-token-123',
    ]);
  });

  it('follows a same-origin redirect with the same headers when asked (the check above is not vacuous)', async () => {
    const http = createHttpClient();
    try {
      const res = await http.send({
        baseUrl: `${first.url}/api`,
        method: 'GET',
        path: '/home',
        headers: auth,
        followRedirects: true,
      });
      expect(res.status).toBe(200);
    } finally {
      await http.close();
    }
    expect(first.seen.slice(-2).map((s) => [s.path, s.headers.authorization])).toEqual([
      ['/api/home', 'Bearer sekrit-token-123'],
      ['/api/landed', 'Bearer sekrit-token-123'],
    ]);
  });
});

describe('joinUrl', () => {
  it('keeps the base path prefix and the whole query string', () => {
    const url = joinUrl('https://h.example/api/', '/a/b?x=1?y=2', { z: '3' });
    expect(url.pathname).toBe('/api/a/b');
    expect([...url.searchParams]).toEqual([
      ['x', '1?y=2'],
      ['z', '3'],
    ]);
  });

  it('cannot change the host, whatever the path', () => {
    for (const p of ['//evil.example/x', '/\\evil.example/x', '/@evil.example'])
      expect(joinUrl('https://h.example/api', p).host).toBe('h.example');
  });
});
