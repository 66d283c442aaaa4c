import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

describe('promises the CLI makes', () => {
  it("run prints a card's lint warnings under it, and --quiet leaves them out", async () => {
    const out = await tempDir('cardcheck-quiet-');
    const args = ['run', 'fixtures/seeds/001_6e7fb2f22a9061ea.txt', '--reporter', 'console', '--out', out];
    const warning =
      '    warning unclosed-fence fixtures/seeds/001_6e7fb2f22a9061ea.txt:123:1 a stray code fence opens here and is never closed (it holds nothing)';
    const loud = await cardcheck(args);
    expect(loud.code).toBe(0);
    expect(loud.stdout).toContain(warning);
    const quiet = await cardcheck([...args, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain('○ skipped POST /oauth/token');
    expect(quiet.stdout).not.toContain('warning unclosed-fence');
  });

  it('cardcheck sandbox on a port in use: exit 2 with the reason, no stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    try {
      const port = String((busy.address() as AddressInfo).port);
      const res = await cardcheck(['sandbox', '--port', port]);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/^cardcheck sandbox: .*EADDRINUSE/m);
      expect(res.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      busy.close();
    }
  });
});
