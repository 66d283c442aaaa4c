import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { card } from '../support/temp-cards.js';

/**
 * A suite with more cards than the process may have files open: cards are read a bounded number at a time. Read all
 * at once, a 100,000-card suite ran out of file handles (EMFILE) and reported a fifth of its cards unreadable.
 */
const CARDS = 600;
const dir = mkdtempSync(path.join(tmpdir(), 'cardcheck-many-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('more cards than open files allowed', () => {
  it('reads and lints every card under a limit of 150 open files', () => {
    mkdirSync(path.join(dir, 'specs'));
    for (let i = 0; i < CARDS; i++)
      writeFileSync(
        path.join(dir, 'specs', `item-${i}.md`),
        card({
          endpoint: `GET /items/${i}`,
          request: { method: 'GET', path: `/items/${i}` },
          expect: { status: 200 },
        }),
      );
    const cli = path.join(ROOT, 'dist/cli/main.js');
    const res = spawnSync('sh', ['-c', `ulimit -n 150 && exec "${process.execPath}" "${cli}" lint specs`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(res.stderr).not.toMatch(/EMFILE|too many open files/i);
    expect(res.stdout).not.toMatch(/unreadable-card/);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^${CARDS} cards checked: 0 errors, 0 warnings$`, 'm'));
  }, 70_000);
});
