import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardcheck } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';
import { getCard, STACK_FRAME } from './server.js';

/**
 * YAML "billion laughs": nine levels of nine aliases each, 387 million values
 * from a few lines. In the config, front-matter or a ```yaml block they are a
 * located error naming the file and the line of the alias that explodes.
 */

const LEVELS = 'abcdefghi';
const bomb = (indent = '') =>
  [...LEVELS]
    .map((k, i) => {
      const items = i === 0 ? Array(9).fill('"lol"') : Array(9).fill(`*${LEVELS[i - 1]}`);
      return `${indent}${k}: &${k} [${items.join(', ')}]`;
    })
    .join('\n');

const clean = (out: string) => {
  expect(out).not.toMatch(/internal error|cannot read the file/);
  expect(out).not.toMatch(STACK_FRAME);
};

describe('YAML alias bombs', () => {
  it('in cardcheck.config.yaml: exit 2 with the file and the line, fast', async () => {
    const dir = await tempDir('cardcheck-hostile-yaml-');
    await writeFile(
      path.join(dir, 'cardcheck.config.yaml'),
      `targets:\n  local: http://127.0.0.1:9\nx:\n${bomb('  ')}\n`,
    );
    await writeFile(path.join(dir, 'a.md'), getCard('/a', { json: { status: 200 } }));
    const started = Date.now();
    for (const cmd of [
      ['lint', '.'],
      ['run', '.', '--target', 'http://127.0.0.1:9', '--out', dir],
    ]) {
      const res = await cardcheck(cmd, { cwd: dir });
      expect(res.code, res.stdout + res.stderr).toBe(2);
      expect(res.stdout + res.stderr).toMatch(
        /cardcheck\.config\.yaml:12:42 error config-invalid-yaml not read: its aliases \(\*name\) expand to more than 10000 values/,
      );
      clean(res.stdout + res.stderr);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 15_000);

  it('in front-matter and in a yaml block: the card errors at the alias (lint and run)', async () => {
    const dir = await tempDir('cardcheck-hostile-yaml-');
    const card = getCard('/a', { json: { status: 200 } });
    await writeFile(path.join(dir, 'front.md'), card.replace('auth: none\n', `auth: none\n${bomb()}\n`));
    await writeFile(
      path.join(dir, 'block.md'),
      getCard('/b', { yaml: `- status: 200\n- jsonpath: $.name\n  equals:\n${bomb('    ')}` }),
    );
    const res = await cardcheck(['lint', '.'], { cwd: dir });
    const out = res.stdout + res.stderr;
    expect(res.code).toBe(2);
    expect(out).toMatch(/front\.md:12:40 error invalid-front-matter front-matter is refused: its aliases/);
    expect(out).toMatch(/block\.md:27:44 error invalid-yaml .* is refused: its aliases \(\*name\) expand/);
    clean(out);
    const run = await cardcheck(['run', '.', '--target', 'http://127.0.0.1:9', '--out', dir], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/front\.md:12:40 error invalid-front-matter front-matter is refused/);
    clean(run.stdout + run.stderr);
  }, 15_000);

  it('a self-referencing alias and a thousand aliases are refused, not looped on', async () => {
    const dir = await tempDir('cardcheck-hostile-yaml-');
    const many = Array.from({ length: 1001 }, (_, i) => `k${i}: *a`).join('\n');
    await writeFile(path.join(dir, 'cardcheck.config.yaml'), `a: &a x\n${many}\n`);
    const res = await cardcheck(['lint', '.'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stdout + res.stderr).toMatch(
      /cardcheck\.config\.yaml:1002:\d+ error config-invalid-yaml not read: more than 1000 aliases/,
    );
    await writeFile(path.join(dir, 'cardcheck.config.yaml'), 'targets: &t\n  local: [*t]\n');
    const self = await cardcheck(['lint', '.'], { cwd: dir });
    expect(self.code).toBe(2);
    clean(self.stdout + self.stderr);
  }, 15_000);
});
