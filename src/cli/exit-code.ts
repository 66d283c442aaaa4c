import type { ErrorCode } from '../core/errors.js';
import type { RunResult } from '../core/result.js';

/**
 * The exit codes, the one place that decides them. When several apply to a
 * run: 3, then 1, then 2. Later features add rows here, never a second place.
 */
export const EXIT = {
  /** Every card passed, was skipped, or was flaky. */
  ok: 0,
  /** A card failed (or was flaky, with --fail-on-flaky). */
  failed: 1,
  /** A problem in the user's inputs or local state: cards, config, flags, paths, a `.cardcheck` that is not a folder. */
  errored: 2,
  /** The target is unreachable, or the run's deadline passed. */
  unreachable: 3,
  /** A bug in cardcheck: the message asks for a report. */
  internal: 70,
  /** SIGINT/SIGTERM; what the run created was cleaned up. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code each error ends a command with. */
export const EXIT_FOR_ERROR: Readonly<Record<ErrorCode, ExitCode>> = {
  'flag-invalid': EXIT.errored,
  'config-invalid': EXIT.errored,
  'env-file-unreadable': EXIT.errored,
  'target-unknown': EXIT.errored,
  'local-state': EXIT.errored,
  'reporter-unknown': EXIT.errored,
  'break-unknown': EXIT.errored,
  'merge-invalid': EXIT.errored,
  // Card-level errors make that card errored and the run goes on; they reach a command only outside a run.
  'card-invalid': EXIT.errored,
  'schema-ref': EXIT.errored,
  'value-unresolved': EXIT.errored,
  'auth-failed': EXIT.errored,
  'target-api-missing': EXIT.errored,
  'browser-failed': EXIT.errored,
  transport: EXIT.unreachable,
};

/** The exit-code rows `--help` shows, per command. */
export const EXIT_HELP = `Exit codes:
  0  every card passed, was skipped, or was flaky (passed on a retry)
  1  a card failed (or was flaky, with --fail-on-flaky)
  2  a card or the config has errors, a path is missing, or no card was selected
  3  the run could not proceed: the target is unreachable, or --run-timeout passed
  130 interrupted (SIGINT/SIGTERM); what the run created was cleaned up
  When several apply, the first of 3, 1, 2 wins.`;

export function exitCodeFor(
  run: Pick<RunResult, 'summary' | 'aborted'>,
  opts: { missingPaths?: number; failOnFlaky?: boolean } = {},
): ExitCode {
  const s = run.summary;
  if (run.aborted?.kind === 'unreachable' || run.aborted?.kind === 'timeout') return EXIT.unreachable;
  if (s.failed > 0 || (opts.failOnFlaky && s.flaky > 0)) return EXIT.failed;
  if (s.errored > 0 || (opts.missingPaths ?? 0) > 0 || s.total === 0) return EXIT.errored;
  return EXIT.ok;
}
