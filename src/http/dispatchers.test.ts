import { describe, expect, it } from 'vitest';
import { createDispatcherPool } from './dispatchers.js';

describe('createDispatcherPool', () => {
  it('makes a dispatcher once per origin and shares one among origins without settings', async () => {
    const pool = createDispatcherPool({
      timeoutMs: 1000,
      tls: { 'https://private.example': { ca: 'x' } },
      proxy: { httpsProxy: 'http://user:pw@proxy.example:3128', noProxy: 'direct.example' },
    });
    const a = pool.routeFor(new URL('https://direct.example/a'));
    const b = pool.routeFor(new URL('http://other.example/b'));
    expect(a.dispatcher).toBe(b.dispatcher);
    expect(pool.routeFor(new URL('https://direct.example/c'))).toBe(a);
    const tls = pool.routeFor(new URL('https://private.example/x'));
    expect(tls.dispatcher).not.toBe(a.dispatcher);
    expect(tls.proxy).toBe('http://proxy.example:3128');
    const proxied = pool.routeFor(new URL('https://public.example/x'));
    expect(proxied.dispatcher).not.toBe(tls.dispatcher);
    expect(pool.routeFor(new URL('https://public2.example/x')).dispatcher).toBe(proxied.dispatcher);
    expect(a.proxy).toBeUndefined();
    await pool.close();
  });
});
