#!/usr/bin/env -S node --
// `node --` ends Node's own options: Node 20 otherwise takes `--env-file` anywhere in argv for itself (exit 9 on a
// missing file, before cardcheck runs). Started as `node dist/cli/main.js`, Node 20 still does; `node -- …` does not.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { registerCiCommands } from './ci-commands.js';
import type { CleanupCommandOptions } from './cleanup-command.js';
import { wantsColor } from './color.js';
import { EXIT, EXIT_FOR_ERROR, EXIT_HELP, EXIT_ROWS, exitHelp } from './exit-code.js';
import { exitWhenFlushed } from './exit-when-flushed.js';
import type { ImportCommandOptions } from './import-command.js';
import type { InitCommandOptions } from './init-command.js';
import type { LintCommandOptions } from './lint-command.js';
import type { MergeCommandOptions } from './merge-command.js';
import type { NewCommandOptions } from './new-command.js';
import { reportError } from './report-error.js';
import { REPORTER_HELP } from './reporter-help.js';
import type { RunCommandOptions } from './run-command.js';
import { registerSandboxCommand } from './sandbox-command.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// A pipe that closes or fails (`cardcheck run … | head -1`: EPIPE; ENOBUFS, EAGAIN) stops output to it quietly:
// no stack trace, and the run goes on, cleans up and writes its report files (exiting here lost them).
const failedStreams = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => failedStreams.add(stream));
function writeLine(stream: NodeJS.WriteStream, line: string): void {
  if (failedStreams.has(stream) || stream.destroyed) return;
  try {
    stream.write(`${line}\n`);
  } catch {
    failedStreams.add(stream);
  }
}

const io = {
  cwd: process.cwd(),
  stdout: (line: string) => writeLine(process.stdout, line),
  stderr: (line: string) => writeLine(process.stderr, line),
  color: wantsColor(process.env, process.stdout),
  tty: Boolean(process.stdout.isTTY),
  columns: process.stdout.columns,
};

/** Runs a command; whatever it throws goes to the CLI's one catch, which decides the message and the exit code. */
async function act(command: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    return reportError(err, command, io.stderr);
  }
}

// Each command's code is imported when the command runs: help and the other commands start without it.
const CONFIG_HELP =
  'config file (default: cardcheck.config.yaml, .yml or .json in this folder or the nearest one above, up to the repository root)';

const program = new Command('cardcheck')
  .description('Contract tests from markdown endpoint cards')
  .version(pkg.version)
  // One line after a usage error, not the whole help (a CI log shows the mistake, not 60 lines of options).
  .showHelpAfterError('(add --help for the commands and options)')
  // A usage error (unknown option, bad argument) is the user's input: exit 2 from the table, not commander's 1.
  .exitOverride()
  .addHelpText('after', `\nEvery command exits ${EXIT.internal} on an internal error (please report it).`);

program
  .command('run')
  .description(
    "run endpoint cards against a target (the config's defaultTarget when no --target is given; without a config file, --target is needed)",
  )
  .argument('[paths...]', 'card files or folders', [])
  .option(
    '--target <name|url>',
    "a target from the config, a base URL when the cards call one API, or sandbox (the embedded demo); default: the config's defaultTarget",
  )
  .option('--config <file>', CONFIG_HELP)
  .option('--env-file <file>', 'read variables from this .env file (default: ./.env when present)')
  .option('--seed <n>', 'faker seed, to replay the values of an earlier run')
  .option('--grep <regex>', 'only cards whose file, title or endpoint match')
  .option('--tag <tags...>', 'only cards with one of these tags')
  .option('--domain <domains...>', 'only cards of one of these domains')
  .option('--only-failed', 'only the cards that failed, errored or were flaky in the last results.json')
  .option(
    '--shard <i/n|auto>',
    "run share i of n (chained cards stay together), or auto: from the CI's variables (docs/ci.md); merge the outputs with merge-reports",
  )
  .option(
    '--shard-timings <file>',
    'balance the shards by card duration from this results.json of an earlier run (the same file on every runner)',
  )
  .option('--retries <n>', 're-run a failed card up to n times; one that then passes is reported flaky')
  .option('--fail-on-flaky', 'exit 1 when a card was flaky')
  .option(
    '--trace <mode>',
    'which cards keep their requests and responses in the reports: on, off, retain-on-failure (failed, errored, flaky; the default, or on with --verbose)',
  )
  .option(
    '--standards <level>',
    "OAuth standards checks of every API: error (a broken MUST fails the card), warn, off; default: each API's config",
  )
  .option('--concurrency <n>', 'cards run at once (needs and cleanups respected)', '1')
  .option('--bail [n]', 'stop starting cards after n failures (default 1)')
  .option('--timeout <ms>', 'per-request deadline: connect, headers and whole body (default 30000)')
  .option(
    '--run-timeout <ms>',
    'whole-run timeout: then no new card starts, requests in flight are stopped, cleanups get 10 s each; exit 3',
  )
  .option('--max-body-bytes <n>', "response body cap per request (default 8 MiB; a card's maxBodyBytes wins)")
  .option(
    '--retry-budget <n>',
    "transport retries (429, 503, lost connections) the run's cards may use in all (default: max(100, 2 × cards)); cleanups keep their own",
  )
  .option(
    '--allow-leftovers',
    'exit 0 even when a declared cleanup did not succeed (the resources are still listed; run cardcheck cleanup)',
  )
  .option('--dry-run', 'print every request that would be sent (credentials redacted) and send nothing')
  .option(
    '--browser',
    'drive the browser flows cards declare (sign in, consent) in headless Chromium: CARDCHECK_CHROMIUM, a Chromium Playwright installed, or the system Chrome, Chromium or Edge; without it such cards are skipped. A failed flow leaves a screenshot under <out>/browser/',
  )
  .option(
    '--browser-step-timeout <ms>',
    'how long one browser step (open, fill, click) may wait (default 10000; the whole flow keeps --timeout)',
  )
  .option('--update-cards', "after the run, rewrite passing cards' verifiedAt, status and timesReused (nothing else)")
  .option(
    '--update-schemas',
    'record the response shape of each passing card under fixtures/schemas/recorded; later runs report drift',
  )
  .option(
    '--allow-mutations',
    'on a target marked production: true, also run cards that send requests other than GET/HEAD (UID steps and cleanups included)',
  )
  .option('--reporter <list>', REPORTER_HELP)
  .option('--verbose', 'also print each request and response (secrets redacted)')
  .option('--quiet', 'leave out the warning lines under each card (lint warnings, such as an unknown key)')
  .option('--out <dir>', 'where reports are written (default: reports/ beside the config file)')
  .addHelpText('after', `\n${EXIT_HELP}`)
  .option('--watch', 'run again on each save: the saved cards and those chaining on them; Enter runs all, q quits')
  .action(async (paths: string[], opts: RunCommandOptions) => {
    if (opts.watch) {
      const { watchRun } = await import('./watch-command.js');
      process.exitCode = await act('run', () => watchRun(paths, opts, io));
      return;
    }
    const { runCommand } = await import('./run-command.js');
    process.exitCode = await act('run', () => runCommand(paths, opts, io));
    // Everything is written, cleaned up and closed: nothing is left to wait for.
    await exitWhenFlushed();
  });

program
  .command('cleanup')
  .description('undo what killed or interrupted runs left on the target, from their journals in .cardcheck/ledger')
  .option('--run <id>', 'only this run (its id is in results.json), whatever its age')
  .option('--target <url>', 'also send to this origin: the --target URL the run used (configured targets need none)')
  .option('--max-age <days>', "skip journals last written longer ago (default: the config's cleanup.maxAgeDays, 30)")
  .option('--list', 'list the journals (run, age, entries left, target); sends nothing')
  .option('--forget <id>', "stop tracking a run's leftovers: remove its journal (and recovery store); sends nothing")
  .option('--env-file <file>', 'read variables from this .env file (default: ./.env when present)')
  .option('--config <file>', CONFIG_HELP)
  .addHelpText('after', `\n${exitHelp(EXIT_ROWS.cleanup, '  When several apply, the first of 3, 1, 2 wins.')}`)
  .action(async (opts: CleanupCommandOptions) => {
    const { cleanupCommand } = await import('./cleanup-command.js');
    process.exitCode = await act('cleanup', () => cleanupCommand(opts, io));
  });

program
  .command('merge-reports')
  .description('merge the --out folders of `run --shard i/n` runs into one results.json, JUnit and HTML report')
  .argument('<dirs...>', "the shard runs' --out folders (or their results.json files)")
  .option(
    '--reporter <list>',
    'comma-separated: console, json, junit, html, github (default: console,json,junit,html, plus github in GitHub Actions)',
  )
  .option('--verbose', 'also print each request and response (secrets redacted)')
  .option(
    '--allow-leftovers',
    'as run: exit 0 although a declared cleanup did not succeed (the shards still list them)',
  )
  .option('--fail-on-flaky', 'as run: exit 1 when a card was flaky')
  .addOption(new Option('--out <dir>', 'where the merged reports are written').default('reports'))
  .addHelpText(
    'after',
    '\nExit codes: those of `run` for the merged result; 2 when a shard is missing, given twice,\nthe shards disagree on the total, or a folder holds no cardcheck results.json.',
  )
  .action(async (dirs: string[], opts: MergeCommandOptions) => {
    const { mergeCommand } = await import('./merge-command.js');
    process.exitCode = await act('merge-reports', () => mergeCommand(dirs, opts, io));
  });

program
  .command('lint')
  .description('check cards for mistakes without sending anything')
  .argument('[paths...]', 'card files or folders', [])
  .addOption(
    new Option(
      '--format <format>',
      'output format: text, json, github (annotations at each line, for GitHub Actions), sarif (SARIF 2.1.0, for code scanning)',
    )
      .choices(['text', 'json', 'github', 'sarif'])
      .default('text'),
  )
  .option('--strict', 'exit 1 when there are warnings')
  .option('--config <file>', CONFIG_HELP)
  .addHelpText('after', `\n${exitHelp(EXIT_ROWS.lint)}`)
  .option('--watch', 'lint again on each save, showing the saved cards and those chaining on them; q quits')
  .action(async (paths: string[], opts: LintCommandOptions) => {
    if (opts.watch) {
      const { watchLint } = await import('./watch-command.js');
      process.exitCode = await act('lint', () => watchLint(paths, opts, io));
      return;
    }
    const { lintCommand } = await import('./lint-command.js');
    process.exitCode = await act('lint', () => lintCommand(paths, opts, io));
  });

program
  .command('import')
  .description(
    'draft cards from vendor documentation pages (markdown or scraped text) or OpenAPI documents, then lint the drafts',
  )
  .argument('<files...>', 'vendor documentation pages or OpenAPI documents (YAML or JSON; a file or an http(s) URL)')
  .option('--out <dir>', 'folder the cards are written to (default: specs/imported beside the config file)')
  .option('--force', 'replace cards that already exist')
  .option('--api <name>', "the config's API the cards call (written as `api:`; default: their folder's)")
  .option('--config <file>', CONFIG_HELP)
  .addHelpText('after', `\n${exitHelp(EXIT_ROWS.import)}`)
  .action(async (pages: string[], opts: ImportCommandOptions) => {
    const { importCommand } = await import('./import-command.js');
    process.exitCode = await act('import', () => importCommand(pages, opts, io));
  });

program
  .command('init')
  .description(
    'set up cardcheck for your API: cardcheck.config.yaml, .env.example, .gitignore entries and a first card that calls it',
  )
  .option('--base-url <url>', 'base URL of your API (asked on a terminal when missing)')
  .addOption(new Option('--url <url>', 'same as --base-url').hideHelp())
  .addOption(
    new Option('--auth <style>', 'how the API authenticates (default: none)').choices([
      'none',
      'bearer',
      'basic',
      'api-key',
      'oauth2-client-credentials',
    ]),
  )
  .option('--token-path <path>', 'token endpoint path, for --auth oauth2-client-credentials (default: /oauth/token)')
  .option('--path <path>', 'the GET the first card calls when no OpenAPI document gives one (default: /)')
  .option(
    '--openapi <file>',
    'an OpenAPI document: the first card calls its first GET without parameters (default: the one the API serves at /openapi.json, /v3/api-docs or /swagger.json)',
  )
  .option('--force', 'rewrite the files init writes when they exist (.gitignore only ever gets lines appended)')
  .option('--yes', 'ask nothing: take the flags and the defaults')
  .addHelpText(
    'after',
    '\nRunning init again changes nothing without --force.\nExit codes: 0 done (or nothing to change); 2 a flag is wrong or missing (--base-url without a terminal).',
  )
  .action(async (opts: InitCommandOptions) => {
    const { initCommand } = await import('./init-command.js');
    process.exitCode = await act('init', () => initCommand(opts, io));
  });

program
  .command('new')
  .description(
    'start a card: a skeleton with the endpoint, a UID stub per path parameter, a request and an expectation',
  )
  .argument('[method]', 'HTTP method, e.g. POST')
  .argument('[path]', 'the endpoint path, with {name} for path parameters, e.g. /apps/{id}/keys')
  .option(
    '--from-openapi <file#operationId>',
    'an OpenAPI operation: its method, path, example body, required headers, status and schema',
  )
  .option('--out <dir>', 'folder the card is written to (default: specs/ beside the config file)')
  .option('--force', 'replace the card when it exists')
  .option('--config <file>', CONFIG_HELP)
  .addHelpText(
    'after',
    '\nThe values to fill in start with TODO; they are listed with file:line, and `cardcheck lint` shows them\n(rule todo-value) until they are filled.\nExit codes: 0 written; 2 a wrong argument, or the card exists (without --force).',
  )
  .action(async (method: string | undefined, p: string | undefined, opts: NewCommandOptions) => {
    const { newCommand } = await import('./new-command.js');
    process.exitCode = await act('new', () => newCommand(method, p, opts, io));
  });

registerCiCommands(program, io, act);
registerSandboxCommand(program, io, act);

program.parseAsync(process.argv).catch((err: unknown) => {
  // Commander has printed its message (or the help, or the version) already.
  if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT_FOR_ERROR['flag-invalid'];
  else process.exitCode = reportError(err, 'cardcheck', io.stderr);
});
