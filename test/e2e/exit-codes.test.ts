import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_ROWS } from '../../src/cli/exit-code.js';
import { cardcheck, ROOT } from '../support/cli.js';
import { tempDir } from '../support/temp-dir.js';

/** Run `cardcheck` as an installed package's bin link does: the file itself, through its shebang. */
async function viaBinLink(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const dir = await tempDir('cc-bin-');
  const bin = path.join(dir, 'node_modules/.bin');
  await mkdir(bin, { recursive: true });
  const main = path.join(ROOT, 'dist/cli/main.js');
  // npm makes a bin's target executable when it installs the package.
  await chmod(main, 0o755);
  await symlink(main, path.join(bin, 'cardcheck'));
  const child = spawn(path.join(bin, 'cardcheck'), args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stderr };
}

describe('exit codes come from one table', () => {
  it('a usage error is the user input (2), help and version are 0', async () => {
    const unknown = await cardcheck(['run', '--no-such-flag']);
    expect(unknown.code).toBe(EXIT.errored);
    expect(unknown.stderr).toContain("error: unknown option '--no-such-flag'");
    // The mistake and where to look, not the whole help.
    expect(unknown.stderr).toContain('(add --help for the commands and options)');
    expect(unknown.stderr).not.toContain('Usage:');
    const nothing = await cardcheck([]);
    expect(nothing.code).toBe(EXIT.errored);
    expect((await cardcheck(['--help'])).code).toBe(EXIT.ok);
    expect((await cardcheck(['--version'])).code).toBe(EXIT.ok);
    const command = await cardcheck(['nosuchcmd']);
    expect(command.code).toBe(EXIT.errored);
    expect(command.stderr).toContain("error: unknown command 'nosuchcmd'");
  });

  it('a missing --env-file is cardcheck’s message and exit 2 through the bin link, not Node’s exit 9', async () => {
    const res = await viaBinLink(['run', '--target', 'http://127.0.0.1:9', '--env-file', 'missing.env', '--dry-run']);
    expect(res.stderr).toContain('cardcheck: --env-file missing.env: the file does not exist or cannot be read');
    expect(res.stderr).not.toContain('node:');
    expect(res.code).toBe(EXIT.errored);
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
