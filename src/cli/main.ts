#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { lintCommand } from './lint-command.js';
import type { LintCommandOptions } from './lint-command.js';
import { runCommand } from './run-command.js';
import { registerSandboxCommand } from './sandbox-command.js';
import type { RunCommandOptions } from './run-command.js';

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
  .option('--target <name|url>', 'a target from cardcheck.config.yaml, or a base URL when the cards call one API')
  .option('--config <file>', 'config file (default: ./cardcheck.config.yaml when present)')
  .option('--env-file <file>', 'read variables from this .env file (default: ./.env when present)')
  .option('--seed <n>', 'faker seed, to replay the values of an earlier run')
  .addOption(new Option('--out <dir>', 'where reports are written').default('reports'))
  .addHelpText('after', '\nExit codes:\n  0  every card passed or was skipped\n  1  a card failed\n  2  a card errored (unreadable card, unresolvable placeholder) and none failed, or no card was selected')
  .action(async (paths: string[], opts: RunCommandOptions) => {
    process.exitCode = await runCommand(paths, opts, io);
  });

program
  .command('lint')
  .description('check cards for mistakes without sending anything')
  .argument('[paths...]', 'card files or folders', [])
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .option('--strict', 'exit 1 when there are warnings')
  .option('--config <file>', 'config file (default: ./cardcheck.config.yaml when present)')
  .addHelpText('after', '\nExit codes:\n  0  no problem (or warnings only, without --strict)\n  1  warnings only, with --strict\n  2  errors')
  .action(async (paths: string[], opts: LintCommandOptions) => {
    process.exitCode = await lintCommand(paths, opts, io);
  });

registerSandboxCommand(program, io);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`cardcheck: internal error (please report): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 70;
});
