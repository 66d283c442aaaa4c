import { pendingInNewestJournal } from '../api/cleanup-journal.js';
import { EnvFileError } from '../api/load-env.js';
import { ConfigError, runCards, SetupError } from '../api/run-cards.js';
import { formatDiagnostic } from '../report/format-diagnostic.js';
import { EXIT, exitCodeFor } from './exit-code.js';
import type { ReporterFlags, ReporterIo } from './reporter-options.js';
import { finishReports, reportersOrExit, withReporterErrors } from './reporter-options.js';
import type { SelectionFlags } from './run-options.js';
import { FlagError, parseCount, selectionFrom } from './run-options.js';

export interface RunCommandOptions extends SelectionFlags, ReporterFlags {
  target?: string;
  config?: string;
  envFile?: string;
  seed?: string;
  retries?: string;
  concurrency?: string;
  bail?: string | boolean;
  failOnFlaky?: boolean;
  dryRun?: boolean;
  timeout?: string;
  runTimeout?: string;
  updateCards?: boolean;
  updateSchemas?: boolean;
  allowMutations?: boolean;
  browser?: boolean;
  out: string;
}

/** What commands get instead of touching the process: the working directory and where lines go. */
export type Io = ReporterIo;

export async function runCommand(paths: string[], opts: RunCommandOptions, io: Io): Promise<number> {
  const reporters = reportersOrExit(opts, io);
  if (!reporters) return EXIT.errored;
  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    io.stderr(`cardcheck: --seed ${opts.seed}: the seed must be a whole number (the one a previous run printed)`);
    return EXIT.errored;
  }
  let result;
  const stop = new AbortController();
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
    const pending = pendingInNewestJournal(io.cwd);
    io.stderr(
      `cardcheck: ${name} again: exiting now; ${pending.length} resource${pending.length === 1 ? '' : 's'} not cleaned${pending.length ? ' (run `cardcheck cleanup` to remove them):' : ''}`,
    );
    for (const p of pending) io.stderr(`  ${p.createdBy}  ${p.id}  (${p.file})`);
    process.exit(130);
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const select = await selectionFrom(opts, io.cwd);
    const retries = parseCount('--retries', opts.retries, 0);
    const concurrency = parseCount('--concurrency', opts.concurrency, 1);
    const bail =
      opts.bail === true ? 1 : parseCount('--bail', typeof opts.bail === 'string' ? opts.bail : undefined, 1);
    result = await runCards({
      paths: paths.length ? paths : ['specs'],
      cwd: io.cwd,
      target: opts.target,
      configFile: opts.config,
      envFile: opts.envFile,
      seed,
      retries,
      concurrency,
      bail,
      select,
      updateCards: opts.updateCards,
      updateSchemas: opts.updateSchemas,
      allowMutations: opts.allowMutations,
      browser: opts.browser,
      signal: stop.signal,
      dryRun: opts.dryRun,
      timeoutMs: parseCount('--timeout', opts.timeout, 1),
      runTimeoutMs: parseCount('--run-timeout', opts.runTimeout, 1),
      onEvent: reporters.onEvent,
    });
  } catch (err) {
    if (err instanceof FlagError) {
      io.stderr(`cardcheck: ${err.message}`);
      return EXIT.errored;
    }
    if (err instanceof ConfigError) {
      for (const d of err.diagnostics) for (const l of formatDiagnostic(d)) io.stderr(l);
      io.stderr(`cardcheck: ${err.message}; nothing was run`);
      return EXIT.errored;
    }
    if (err instanceof EnvFileError || err instanceof SetupError) {
      io.stderr(`cardcheck: ${err.message}`);
      return EXIT.errored;
    }
    throw err;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
  if (result.dryRun) {
    for (const line of result.dryRun) io.stdout(line);
    const errored = result.dryRun.filter((l) => l.includes('  (errored: ')).length;
    io.stdout(`dry run: nothing was sent${errored ? `; ${errored} card${errored === 1 ? '' : 's'} would error` : ''}`);
    return errored ? EXIT.errored : EXIT.ok;
  }
  for (const d of result.configDiagnostics) for (const l of formatDiagnostic(d)) io.stderr(l);
  for (const m of result.missing) io.stderr(`cardcheck: ${m}: no such file or folder`);
  if (result.summary.total === 0)
    io.stderr('cardcheck: no card selected; give a folder of cards or card files (default: specs/)');
  const reportErrors = await finishReports(reporters, result, io);
  if (opts.updateCards)
    io.stdout(
      `updated ${result.updatedCards.length} card${result.updatedCards.length === 1 ? '' : 's'}: verifiedAt, status, timesReused`,
    );
  if (opts.updateSchemas)
    io.stdout(
      `recorded ${result.recordedSchemas.length} response shape${result.recordedSchemas.length === 1 ? '' : 's'} under fixtures/schemas/recorded`,
    );
  if (result.heldBack.length)
    io.stdout(
      `held back ${result.heldBack.length} card${result.heldBack.length === 1 ? '' : 's'} on production target "${result.targetName}": they send requests other than GET/HEAD; pass --allow-mutations to run them`,
    );
  if (result.aborted) io.stderr(`cardcheck: the run stopped early: ${result.aborted.message}`);
  if (result.aborted?.kind === 'interrupted') return EXIT.interrupted;
  return withReporterErrors(
    exitCodeFor(result, { missingPaths: result.missing.length, failOnFlaky: opts.failOnFlaky }),
    reportErrors,
  );
}
