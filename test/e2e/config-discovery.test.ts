import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { card, SANDBOX_CONFIG, writeCards } from '../support/temp-cards.js';

/** The config is found upward from the working directory, as Playwright, Vitest and ESLint users expect. */

const CARD = card({
  endpoint: 'GET /platform/v1/apps',
  request: { method: 'GET', path: '/platform/v1/apps' },
  expect: { status: 200 },
});

describe('config discovery', () => {
  it('from a subfolder: the .yml above is used (--verbose names it), and reports/ and .cardcheck/ are beside it', async () => {
    const dir = await writeCards({ 'cardcheck.config.yml': SANDBOX_CONFIG, 'specs/apps/list.md': CARD });
    await mkdir(path.join(dir, '.git'));
    const res = await cardcheck(['run', '--verbose', '--reporter', 'console,json'], {
      cwd: path.join(dir, 'specs/apps'),
    });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toContain('config: ../../cardcheck.config.yml');
    expect(res.stdout).toMatch(/✓ passed {2}GET \/platform\/v1\/apps {2}.+ {2}list\.md/);
    expect(await readdir(path.join(dir, 'reports'))).toContain('results.json');
    expect(await readdir(path.join(dir, 'specs/apps'))).toEqual(['list.md']);
    // cleanup finds the journals folder beside the config from any subfolder.
    const list = await cardcheck(['cleanup', '--list'], { cwd: path.join(dir, 'specs') });
    expect(list.code).toBe(0);
  });

  it('.json configs are read; the search stops at the repository root (a .git folder)', async () => {
    const dir = await writeCards({
      'cardcheck.config.json': JSON.stringify({ targets: { demo: { embedded: true } }, oops: 1 }),
      'repo/specs/a.md': CARD,
    });
    await mkdir(path.join(dir, 'repo/.git'));
    const lint = await cardcheck(['lint', '--format', 'json', 'specs'], { cwd: dir });
    expect(JSON.parse(lint.stdout)).toEqual([
      expect.objectContaining({ ruleId: 'config-unknown-key', file: 'cardcheck.config.json' }),
    ]);
    const inner = await cardcheck(['run', 'specs'], { cwd: path.join(dir, 'repo') });
    expect(inner.code).toBe(2);
    expect(inner.stderr).toContain(
      'cardcheck: no target: there is no cardcheck.config.yaml / cardcheck.config.yml / cardcheck.config.json in this folder (searched up to',
    );
  });

  it('no config and no --target: no card is sent; the message says how to name a target (exit 2)', async () => {
    const dir = await writeCards({ 'specs/a.md': CARD });
    await mkdir(path.join(dir, '.git'));
    const res = await cardcheck(['run'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      [
        `cardcheck: no target: there is no cardcheck.config.yaml / cardcheck.config.yml / cardcheck.config.json in this folder (searched up to ${dir}), so cardcheck does not know where to send the cards. Either:`,
        '  cardcheck init                   write a config for your API (base URL, auth) and a first card',
        '  cardcheck run --target URL       send the cards to the API at URL',
        '  cardcheck run --target sandbox   try the cards against the embedded demo sandbox',
        '',
      ].join('\n'),
    );
    expect(await readdir(dir)).toEqual(['.git', 'specs']);
    // --target sandbox runs them against the demo.
    const demo = await cardcheck(['run', '--target', 'sandbox', '--reporter', 'console'], { cwd: dir });
    expect(demo.stdout).toContain('cardcheck: 1 card against sandbox');
  });

  it('two config files in one folder: an error naming both, nothing run', async () => {
    const dir = await writeCards({
      'cardcheck.config.yaml': SANDBOX_CONFIG,
      'cardcheck.config.json': '{}',
      'specs/a.md': CARD,
    });
    await writeFile(path.join(dir, '.git'), 'gitdir: elsewhere\n');
    const res = await cardcheck(['run'], { cwd: path.join(dir, 'specs') });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(
      '../cardcheck.config.yaml:1:1 error config-ambiguous two config files in one folder: ../cardcheck.config.yaml and ../cardcheck.config.json; cardcheck reads neither',
    );
    expect(res.stderr).toContain('nothing was run');
  });
});
