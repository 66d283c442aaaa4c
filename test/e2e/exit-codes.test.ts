import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_ROWS } from '../../src/cli/exit-code.js';
import { cardcheck, ROOT } from '../support/cli.js';

describe('exit codes come from one table', () => {
  it('a usage error is the user input (2), help and version are 0', async () => {
    const unknown = await cardcheck(['run', '--no-such-flag']);
    expect(unknown.code).toBe(EXIT.errored);
    expect(unknown.stderr).toContain("error: unknown option '--no-such-flag'");
    const nothing = await cardcheck([]);
    expect(nothing.code).toBe(EXIT.errored);
    expect((await cardcheck(['--help'])).code).toBe(EXIT.ok);
    expect((await cardcheck(['--version'])).code).toBe(EXIT.ok);
  });

  it("every command's --help shows its rows of the table", async () => {
    for (const [command, rows] of Object.entries(EXIT_ROWS)) {
      const help = await cardcheck([command, '--help']);
      expect(help.code).toBe(EXIT.ok);
      for (const [code, meaning] of rows) expect(help.stdout).toContain(`  ${String(code).padEnd(2)} ${meaning}`);
    }
  });

  it("the README's table is the run command's rows", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Exit codes'));
    const md = (text: string) => text.replace(/(--[a-z-]+)/g, '`$1`');
    for (const [code, meaning] of EXIT_ROWS.run) expect(table).toContain(`| ${code} | ${md(meaning)} |`);
  });
});
