import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .*\.js:\d+/);

describe('mistakes on the command line get one clear line and exit 2', () => {
  it.each([
    [['--shard', '4/3'], 'cardcheck: --shard 4/3: write it as i/n with 1 ≤ i ≤ n, e.g. --shard 2/3'],
    [['--seed', 'abc'], 'cardcheck: --seed abc: the seed must be a whole number (the one a previous run printed)'],
    [['--retries', '-1'], 'cardcheck: --retries -1: expected a whole number of at least 0'],
    [['--grep', '('], 'cardcheck: --grep (: not a valid regular expression'],
    [['--target', 'stagin'], 'cardcheck: --target stagin: no such target; did you mean "staging"?'],
  ])('run %j', async (args, message) => {
    const res = await cardcheck(['run', 'specs/vcita/get-app.md', ...args]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(message);
    noStack(res.stderr);
  });

  it('--only-failed without an earlier results.json says so', async () => {
    const out = await tempDir('cardcheck-nofail-');
    const res = await cardcheck(['run', 'specs', '--only-failed', '--out', out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^cardcheck: --only-failed: there is no readable .*results\.json from an earlier run$/m);
  });

  it('a --target URL serves only cards of one API: the selection counts, not the folder', async () => {
    const sandbox = await startSandbox();
    try {
      const all = await cardcheck(['run', 'specs', '--target', sandbox.apis.youhodler], { env: sandbox.env });
      expect(all.code).toBe(2);
      expect(all.stderr).toContain('the selected cards call 4 APIs (');
      const one = await cardcheck(
        [
          'run',
          'specs',
          '--domain',
          'service-accounts',
          '--target',
          sandbox.apis.youhodler,
          '--out',
          await tempDir('cardcheck-url-'),
        ],
        { env: sandbox.env },
      );
      expect(one.stdout).toContain('2 cards: 2 passed');
      expect(one.code).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it('cleanup --run with an unknown id exits 2 (the input, not something left) and says there is no journal', async () => {
    const dir = await tempDir('cardcheck-nojournal-');
    const res = await cardcheck(['cleanup', '--run', 'no-such-run'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stdout).toContain('cardcheck cleanup: no journal for run no-such-run');
    const none = await cardcheck(['cleanup'], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('cardcheck cleanup: nothing to clean up');
  });
});
