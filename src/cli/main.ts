#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { runCommand } from './run-command.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const io = {
  cwd: process.cwd(),
  stdout: (line: string) => process.stdout.write(`${line}\n`),
  stderr: (line: string) => process.stderr.write(`${line}\n`),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.env.CI,
};

const program = new Command('cardcheck')
  .description('Contract tests from markdown endpoint cards')
  .version(pkg.version)
  .showHelpAfterError();

program
  .command('run')
  .description('run endpoint cards against a target (the embedded sandbox when no --target is given)')
  .argument('[paths...]', 'card files or folders', [])
  .option('--target <url>', 'base URL of the API under test')
  .option('--env-file <file>', 'read variables from this .env file (default: ./.env when present)')
  .addOption(new Option('--out <dir>', 'where reports are written').default('reports'))
  .addHelpText('after', '\nExit codes:\n  0  every card passed or was skipped\n  1  a card failed\n  2  a card errored (unreadable card, unresolvable placeholder) and none failed, or no card was selected')
  .action(async (paths: string[], opts: { target?: string; envFile?: string; out: string }) => {
    process.exitCode = await runCommand(paths, opts, io);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`cardcheck: internal error (please report): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 70;
});
