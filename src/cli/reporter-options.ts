import { CardcheckError, isCardcheckError } from '../core/errors.js';
import type { RunResult } from '../core/result.js';
import type { ReporterSet } from '../report/fan-out.js';
import { createReporters, defaultReporterNames } from '../report/registry.js';
import type { ExitCode } from './exit-code.js';
import { EXIT } from './exit-code.js';
import { REPORTER_HELP } from './reporter-help.js';

/** `--reporter a,b` and `--verbose`, shared by `run` and `merge-reports`. */
export interface ReporterFlags {
  reporter?: string;
  verbose?: boolean;
  /** Leave out the warning lines under each card. */
  quiet?: boolean;
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
 * to `--out`. An unknown name is a `reporter-unknown` error with a did-you-mean.
 */
export function reportersFromFlags(
  flags: ReporterFlags,
  io: ReporterIo,
  base: readonly string[] = ['console', 'json', 'html'],
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
    throw new CardcheckError(
      'flag-invalid',
      `--reporter ${JSON.stringify(flags.reporter)}: name at least one reporter (${REPORTER_HELP})`,
    );
  try {
    return createReporters(names, {
      outDir: flags.out,
      verbose: Boolean(flags.verbose),
      quiet: Boolean(flags.quiet),
      color: io.color,
      tty: Boolean(io.tty),
      columns: io.columns,
      write: io.stdout,
      writeErr: io.stderr,
      env,
      cwd: io.cwd,
    });
  } catch (err) {
    if (isCardcheckError(err, 'reporter-unknown'))
      throw new CardcheckError(err.code, `--reporter ${flags.reporter}: ${err.message}`);
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
export function withReporterErrors(code: ExitCode, errors: readonly string[]): ExitCode {
  return errors.length > 0 && code === EXIT.ok ? EXIT.errored : code;
}
