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
  'request-unsafe': EXIT.errored,
  'browser-failed': EXIT.errored,
  'retry-refused': EXIT.errored,
  transport: EXIT.unreachable,
};

type HelpRow = readonly [ExitCode, string];

/** What each exit code means for each command: `--help` and the README show these rows. */
export const EXIT_ROWS = {
  run: [
    [EXIT.ok, 'every card passed, was skipped, or was flaky (passed on a retry)'],
    [EXIT.failed, 'a card failed (or was flaky, with --fail-on-flaky)'],
    [
      EXIT.failed,
      'an OAuth standards check broke a MUST at level error (docs/standards.md); standards warnings, --standards warn and off do not',
    ],
    [
      EXIT.failed,
      'a declared cleanup did not succeed, so a resource is left behind (not with --allow-leftovers); run cardcheck cleanup',
    ],
    [EXIT.errored, 'a card or the config has errors, a path is missing, or no card was selected'],
    [EXIT.unreachable, 'the run could not proceed: the target is unreachable, or --run-timeout passed'],
    [EXIT.interrupted, 'interrupted (SIGINT/SIGTERM); what the run created was cleaned up'],
  ],
  lint: [
    [EXIT.ok, 'no problem (or warnings only, without --strict); the info standards-pack lines never count'],
    [EXIT.failed, 'warnings only, with --strict'],
    [EXIT.errored, 'errors'],
  ],
  cleanup: [
    [EXIT.ok, 'nothing is left (journals past the age limit are noted, not tried), or --list/--forget done'],
    [
      EXIT.failed,
      'something could not be cleaned, or needs a secret that was not stored (listed); --run names no journal',
    ],
    [
      EXIT.errored,
      'a journal sends to an origin no configured target uses (not followed), a bad flag, or --forget names no journal',
    ],
    [EXIT.unreachable, "a journal's target is unreachable (its entries are kept for another try)"],
  ],
  import: [
    [EXIT.ok, 'every file gave cards (lint findings in the drafts are listed to fix)'],
    [EXIT.errored, 'a file could not be read, names no endpoint, or its card exists (without --force)'],
  ],
  sandbox: [
    [EXIT.ok, 'closed on SIGINT/SIGTERM, or --list-breaks printed'],
    [EXIT.errored, 'an unknown break, a bad option, or the port cannot be used'],
  ],
} as const satisfies Record<string, readonly HelpRow[]>;

/** The `Exit codes:` block of a command's --help. */
export function exitHelp(rows: readonly HelpRow[], footer?: string): string {
  const lines = rows.map(([code, meaning]) => `  ${String(code).padEnd(2)} ${meaning}`);
  return ['Exit codes:', ...lines, ...(footer ? [footer] : [])].join('\n');
}

export const EXIT_HELP = exitHelp(EXIT_ROWS.run, '  When several apply, the first of 3, 1, 2 wins.');

/** Resources a declared cleanup failed to undo; those with no cleanup declared are only warnings. */
export const failedCleanups = (run: Pick<RunResult, 'leftBehind'>) =>
  (run.leftBehind ?? []).filter((l) => l.cleanupFailed).length;

export function exitCodeFor(
  run: Pick<RunResult, 'summary' | 'aborted'> & Partial<Pick<RunResult, 'leftBehind'>>,
  opts: { missingPaths?: number; failOnFlaky?: boolean; allowLeftovers?: boolean } = {},
): ExitCode {
  const s = run.summary;
  if (run.aborted?.kind === 'unreachable' || run.aborted?.kind === 'timeout') return EXIT.unreachable;
  if (s.failed > 0 || (opts.failOnFlaky && s.flaky > 0)) return EXIT.failed;
  if (!opts.allowLeftovers && failedCleanups({ leftBehind: run.leftBehind ?? [] }) > 0) return EXIT.failed;
  if (s.errored > 0 || (opts.missingPaths ?? 0) > 0 || s.total === 0) return EXIT.errored;
  return EXIT.ok;
}
