import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as undici from 'undici';
import { describe, expect, it } from 'vitest';
import { Agent, errors, ProxyAgent } from './undici-parts.js';

describe('undici parts loaded on their own', () => {
  it('are the classes undici exports', () => {
    expect(Agent).toBe(undici.Agent);
    expect(ProxyAgent).toBe(undici.ProxyAgent);
    expect(errors).toBe(undici.errors);
    expect(errors.ConnectTimeoutError).toBe(undici.errors.ConnectTimeoutError);
  });

  it("give an Agent its request() method in a process that never loads undici's index", () => {
    // This test process has loaded undici's index (above), which attaches the same methods: check in one that has not.
    const parts = new URL('../../dist/http/undici-parts.js', import.meta.url).href;
    const script = `const m = await import(${JSON.stringify(parts)}); console.log(typeof new m.Agent().request);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(out.trim()).toBe('function');
  });

  it('give an Agent its request() method, which sends and reads a response', async () => {
    const server = createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const agent = new Agent();
    try {
      const { port } = server.address() as AddressInfo;
      const res = await agent.request({ origin: `http://127.0.0.1:${port}`, path: '/', method: 'GET' });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toEqual({ ok: true });
    } finally {
      await agent.close();
      server.close();
    }
  });
});
