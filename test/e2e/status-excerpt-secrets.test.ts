import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load-config.js';
import { runCards } from '../../src/runner/run-cards.js';
import { card, writeCards } from '../support/temp-cards.js';

const SECRET = 'cs_live_Q7wZ3kP9xR2mV5tN8yB4';

/** Every run of 6 characters of the secret: none may be in the output, whole or cut. */
const pieces = (s: string) => Array.from({ length: s.length - 5 }, (_, i) => s.slice(i, i + 6));

describe('the body excerpt of an unexpected status', () => {
  it('is redacted before it is cut: a secret across the 200-character cut shows no part of itself', async () => {
    // The secret starts a few characters before the cut, so a cut-then-redact excerpt would keep its first part.
    const pad = 'x'.repeat(200 - '{"error":"invalid_request","pad":"","client_secret":"'.length - 8);
    const body = JSON.stringify({ error: 'invalid_request', pad, client_secret: SECRET });
    expect(body.indexOf(SECRET)).toBe(192);
    const server = createServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const dir = await writeCards({
        'a.md': card({
          endpoint: 'POST /token',
          request: { method: 'POST', path: '/token', body: {} },
          expect: { status: 200 },
        }),
      });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await runCards({
        cwd: dir,
        paths: ['.'],
        config: defaultConfig(),
        target: url,
        seed: 1,
        ledgerDir: false,
        trace: 'on',
      });
      const status = result.cards[0]?.checks[0];
      expect(status?.passed).toBe(false);
      // Redacted first, then cut: the cut falls inside the placeholder, never inside the secret.
      expect(status?.body).toContain('"client_secret":"[redacte… (4 more characters)');
      const everything = JSON.stringify(result);
      expect(pieces(SECRET).filter((p) => everything.includes(p))).toEqual([]);
    } finally {
      server.close();
    }
  });
});
