import path from 'node:path';
import { shownPath } from '../config/find-config.js';
import type { ProjectPaths } from '../config/project-paths.js';
import { noTargetError, projectPaths } from '../config/project-paths.js';
import { CardcheckError } from '../core/errors.js';
import { formatDiagnostic } from '../report/format-diagnostic.js';
import { pendingInNewestJournal } from '../runner/cleanup-journal.js';
import { RECORDED_DIR } from '../runner/recorded-schemas.js';
import type { RunCardsResult } from '../runner/run-cards.js';
import { runCards } from '../runner/run-cards.js';
import { emptySelection } from './empty-selection.js';
import type { ExitCode } from './exit-code.js';
import { EXIT, exitCodeFor, failedCleanups } from './exit-code.js';
import { erroredInDryRun, formatDryRun } from './format-dry-run.js';
import { boundHeapGrowth } from './heap-growth.js';
import type { ReporterFlags, ReporterIo } from './reporter-options.js';
import { finishReports, reportersFromFlags, withReporterErrors } from './reporter-options.js';
import type { SelectionFlags } from './run-options.js';
import { parseCount, parseStandards, parseTrace, selectionFrom } from './run-options.js';

export interface RunCommandOptions extends Omit<SelectionFlags, 'out'>, Omit<ReporterFlags, 'out'> {
  target?: string;
  config?: string;
  envFile?: string;
  seed?: string;
  retries?: string;
  trace?: string;
  standards?: string;
  concurrency?: string;
  bail?: string | boolean;
  failOnFlaky?: boolean;
  dryRun?: boolean;
  timeout?: string;
  runTimeout?: string;
  maxBodyBytes?: string;
  updateCards?: boolean;
  updateSchemas?: boolean;
  allowMutations?: boolean;
  allowLeftovers?: boolean;
  retryBudget?: string;
  browser?: boolean;
  browserStepTimeout?: string;
  /** Run again on each save (src/cli/watch-command.ts). */
  watch?: boolean;
  /** @default reports/ beside the config file */
  out?: string;
}

/** What commands get instead of touching the process: the working directory and where lines go. */
export type Io = ReporterIo;

/**
 * The first SIGINT/SIGTERM stops the run (no new card; cards in flight finish
 * and clean up); a second one exits at once, listing what is left on the
 * target. Returns the undo.
 */
function handleSignals(io: Io, stop: AbortController, ledgerDir: string): () => void {
  let signals = 0;
  const onSignal = (name: string) => {
    signals++;
    if (signals === 1) {
      io.stderr(
        `cardcheck: ${name}: no new card starts; finishing the cards in flight and cleaning up (press Ctrl-C again to exit now)`,
      );
      stop.abort();
      return;
    }
    const pending = pendingInNewestJournal(io.cwd, ledgerDir);
    const s = pending.length === 1 ? '' : 's';
    const how = pending.length ? ' (run `cardcheck cleanup` to remove them):' : '';
    io.stderr(`cardcheck: ${name} again: exiting now; ${pending.length} resource${s} not cleaned${how}`);
    for (const p of pending)
      io.stderr(`  ${p.createdBy}  ${p.mayExist ? 'may exist (sent, no answer yet)' : p.id}  (${p.file})`);
    process.exit(EXIT.interrupted);
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
}

function parseSeed(text: string | undefined): number | undefined {
  const seed = text === undefined ? undefined : Number(text);
  if (seed !== undefined && !Number.isSafeInteger(seed))
    throw new CardcheckError(
      'flag-invalid',
      `--seed ${text}: the seed must be a whole number (the one a previous run printed)`,
    );
  return seed;
}

/** The flags, checked, as runCards options (`run --watch` uses them too). */
export async function runOptions(
  paths: string[],
  opts: RunCommandOptions & { out: string },
  io: Io,
  where: ProjectPaths,
) {
  const bail = typeof opts.bail === 'string' ? opts.bail : undefined;
  return {
    paths: paths.length ? paths : [where.specs],
    ledgerDir: where.ledgerDir,
    schemasDir: path.join(where.root, RECORDED_DIR),
    cwd: io.cwd,
    target: opts.target,
    configFile: where.configFile,
    envFile: opts.envFile ?? where.envFile,
    retries: parseCount('--retries', opts.retries, 0),
    trace: parseTrace(opts.trace, opts.verbose),
    standards: parseStandards(opts.standards),
    concurrency: parseCount('--concurrency', opts.concurrency, 1),
    bail: opts.bail === true ? 1 : parseCount('--bail', bail, 1),
    select: await selectionFrom(opts, io.cwd, { env: process.env, note: io.stderr }),
    updateCards: opts.updateCards,
    updateSchemas: opts.updateSchemas,
    allowMutations: opts.allowMutations,
    retryPolicy:
      opts.retryBudget === undefined ? undefined : { budget: parseCount('--retry-budget', opts.retryBudget, 0) },
    browser: opts.browser,
    browserStepTimeoutMs: parseCount('--browser-step-timeout', opts.browserStepTimeout, 1),
    reportsDir: opts.out,
    dryRun: opts.dryRun,
    timeoutMs: parseCount('--timeout', opts.timeout, 1),
    runTimeoutMs: parseCount('--run-timeout', opts.runTimeout, 1),
    maxBodyBytes: parseCount('--max-body-bytes', opts.maxBodyBytes, 1),
  };
}

/** `cardcheck run`: the exit code; a user's mistake is thrown as a CardcheckError for the CLI's one catch. */
export async function runCommand(paths: string[], flags: RunCommandOptions, io: Io): Promise<ExitCode> {
  boundHeapGrowth();
  // The config is found upward from the working directory; reports/ and .cardcheck/ live beside it.
  const where = projectPaths(io.cwd, flags.config);
  const opts = { ...flags, out: flags.out ?? where.reports };
  const noTarget = opts.target === undefined ? noTargetError(where.found) : undefined;
  if (noTarget) throw noTarget;
  if (opts.verbose) io.stdout(`config: ${where.configFile ? shownPath(io.cwd, where.configFile) : '(none)'}`);
  const reporters = reportersFromFlags(opts, io);
  const seed = parseSeed(opts.seed);
  const stop = new AbortController();
  const unhandle = handleSignals(io, stop, where.ledgerDir);
  let result: RunCardsResult;
  try {
    const options = await runOptions(paths, opts, io, where);
    // The reporters write their files from the card-end events: the run keeps no card's result (issue 14).
    result = await runCards({ ...options, seed, signal: stop.signal, onEvent: reporters.onEvent, streamCards: true });
  } catch (err) {
    reporters.dispose();
    throw err;
  } finally {
    unhandle();
  }
  if (result.dryRun) {
    for (const line of formatDryRun(result.dryRun)) io.stdout(line);
    const errored = erroredInDryRun(result.dryRun);
    const s = errored === 1 ? '' : 's';
    io.stdout(`dry run: nothing was sent${errored ? `; ${errored} card${s} would error` : ''}`);
    return errored ? EXIT.errored : EXIT.ok;
  }
  for (const d of result.configDiagnostics) for (const l of formatDiagnostic(d)) io.stderr(l);
  for (const m of result.missing) io.stderr(`cardcheck: ${m}: no such file or folder`);
  const empty =
    result.summary.total === 0 ? emptySelection(result, opts, paths.length ? paths : [where.specs]) : undefined;
  if (empty) io.stderr(`cardcheck: ${empty.message}`);
  const reportErrors = empty && !empty.writeReports ? [] : await finishReports(reporters, result, io);
  printWriteBacks(result, opts, io, shownPath(io.cwd, path.join(where.root, RECORDED_DIR)));
  if (result.browser) io.stdout(`browser: ${result.browser.executablePath} (${result.browser.source})`);
  if (result.aborted) io.stderr(`cardcheck: the run stopped early: ${result.aborted.message}`);
  if (result.aborted?.kind === 'interrupted') return EXIT.interrupted;
  printLeftovers(result, opts, io);
  const code = exitCodeFor(result, {
    missingPaths: result.missing.length,
    failOnFlaky: opts.failOnFlaky,
    allowLeftovers: opts.allowLeftovers,
    emptyShard: empty?.writeReports,
  });
  return withReporterErrors(code, reportErrors);
}

/** The closing line when a declared cleanup did not succeed: how many, and how to undo them. */
function printLeftovers(result: RunCardsResult, opts: RunCommandOptions, io: Io): void {
  const n = failedCleanups(result);
  if (n === 0) return;
  const what = n === 1 ? '1 resource was' : `${n} resources were`;
  const exit = opts.allowLeftovers ? ' (--allow-leftovers: the exit code ignores them)' : '';
  io.stderr(
    `cardcheck: ${what} left behind: a declared cleanup did not succeed${exit}; run \`cardcheck cleanup\` to undo them`,
  );
}

/** What the run changed besides its reports, and what a production target held back. */
function printWriteBacks(result: RunCardsResult, opts: RunCommandOptions, io: Io, recordedDir: string): void {
  const s = (n: number) => (n === 1 ? '' : 's');
  const updated = result.updatedCards.length;
  if (opts.updateCards) io.stdout(`updated ${updated} card${s(updated)}: verifiedAt, status, timesReused`);
  const recorded = result.recordedSchemas.length;
  if (opts.updateSchemas) io.stdout(`recorded ${recorded} response shape${s(recorded)} under ${recordedDir}`);
  const held = result.heldBack.length;
  if (held)
    io.stdout(
      `held back ${held} card${s(held)} on production target "${result.targetName}": they send requests other than GET/HEAD (method overrides counted) or run browser flows; pass --allow-mutations to run them`,
    );
}
