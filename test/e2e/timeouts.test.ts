import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/server.js';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

const slowCard = (name: string, ms: number) =>
  [
    '---',
    'endpoint: GET /platform/v1/apps',
    'auth: none',
    '---',
    `# ${name}`,
    '## Request Template',
    '```json',
    `{ "method": "GET", "path": "/platform/v1/apps", "headers": { "x-sandbox-fault": "latency=${ms}" } }`,
    '```',
    '## Expected Response',
    '```json',
    '{ "status": 401 }',
    '```',
  ].join('\n');

describe('timeouts', () => {
  it('a request over --timeout errors its card clearly; --run-timeout stops the run with exit 3', async () => {
    const sandbox = await startSandbox();
    const dir = await tempDir('cardcheck-timeout-');
    try {
      await writeFile(path.join(dir, 'a-slow.md'), slowCard('slow', 1500));
      await writeFile(path.join(dir, 'b-fast.md'), slowCard('fast', 0));
      const res = await cardcheck(['run', '.', '--target', sandbox.apis.vcita, '--timeout', '100', '--out', dir], {
        cwd: dir,
      });
      expect(res.code).toBe(2);
      const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
        cards: { file: string; outcome: string; reason: string }[];
      };
      expect(results.cards.map((c) => [c.file, c.outcome, c.reason])).toEqual([
        ['a-slow.md', 'errored', `${sandbox.origin} did not answer in time`],
        ['b-fast.md', 'passed', ''],
      ]);
      expect(res.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);

      const stopped = await cardcheck(
        ['run', '.', '--target', sandbox.apis.vcita, '--run-timeout', '300', '--out', dir],
        { cwd: dir },
      );
      expect(stopped.code).toBe(3);
      expect(stopped.stderr).toContain('the run stopped early: the run took longer than 300 ms (--run-timeout)');
      const after = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
        cards: { outcome: string; reason: string }[];
      };
      expect(after.cards[1]).toMatchObject({
        outcome: 'skipped',
        reason: 'not run: the run took longer than 300 ms (--run-timeout)',
      });
    } finally {
      await sandbox.close();
    }
  });
});
