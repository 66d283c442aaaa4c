import type { RunResult } from '../core/result.js';
import type { ReporterSet } from '../report/fan-out.js';
import { createReporters, defaultReporterNames, UnknownReporterError } from '../report/registry.js';
import { EXIT } from './exit-code.js';
import { REPORTER_HELP } from './reporter-help.js';
import { FlagError } from './run-options.js';

/** `--reporter a,b` and `--verbose`, shared by `run` and `merge-reports`. */
export interface ReporterFlags {
  reporter?: string;
  verbose?: boolean;
  out: string;
}

export interface ReporterIo {
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  color: boolean;
  /** stdout is a terminal (for the live progress bar). */
  tty?: boolean;
  columns?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * The reporters the flags name (the defaults without `--reporter`), writing
 * to `--out`. An unknown name is a FlagError with a did-you-mean.
 */
export function reportersFromFlags(
  flags: ReporterFlags,
  io: ReporterIo,
  base: readonly string[] = ['console', 'json'],
): ReporterSet {
  const env = io.env ?? process.env;
  const names =
    flags.reporter === undefined
      ? defaultReporterNames(env, base)
      : flags.reporter
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean);
  if (names.length === 0)
    throw new FlagError(`--reporter ${JSON.stringify(flags.reporter)}: name at least one reporter (${REPORTER_HELP})`);
  try {
    return createReporters(names, {
      outDir: flags.out,
      verbose: Boolean(flags.verbose),
      color: io.color,
      tty: Boolean(io.tty),
      columns: io.columns,
      write: io.stdout,
      writeErr: io.stderr,
      env,
      cwd: io.cwd,
    });
  } catch (err) {
    if (err instanceof UnknownReporterError) throw new FlagError(`--reporter ${flags.reporter}: ${err.message}`);
    throw err;
  }
}

/** Let every reporter finish (write its files); print what failed. Returns the reporter errors. */
export async function finishReports(
  reporters: ReporterSet,
  result: RunResult,
  io: Pick<ReporterIo, 'stderr'>,
): Promise<string[]> {
  const { errors } = await reporters.finish(result);
  for (const e of errors) io.stderr(`cardcheck: ${e}; its report is missing or incomplete`);
  return errors;
}

/** A reporter that failed makes a run that would have passed exit 2; a failure or an unreachable target keeps its own code. */
export function withReporterErrors(code: number, errors: readonly string[]): number {
  return errors.length > 0 && code === EXIT.ok ? EXIT.errored : code;
}

/** reportersFromFlags for a command: a bad `--reporter` is printed and gives undefined (the caller exits 2). */
export function reportersOrExit(flags: ReporterFlags, io: ReporterIo): ReporterSet | undefined {
  try {
    return reportersFromFlags(flags, io);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    io.stderr(`cardcheck: ${err.message}`);
    return undefined;
  }
}
