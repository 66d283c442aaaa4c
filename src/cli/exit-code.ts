import type { RunResult } from '../core/result.js';

/**
 * 0 all passed (skips and flaky allowed), 1 a card failed, 2 card or config
 * errors or no card selected, 3 the run could not proceed (target unreachable).
 * When several apply: 3, then 1, then 2.
 */
export const EXIT = { ok: 0, failed: 1, errored: 2, unreachable: 3, interrupted: 130 } as const;

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
): number {
  const s = run.summary;
  if (run.aborted?.kind === 'unreachable' || run.aborted?.kind === 'timeout') return EXIT.unreachable;
  if (s.failed > 0 || (opts.failOnFlaky && s.flaky > 0)) return EXIT.failed;
  if (s.errored > 0 || (opts.missingPaths ?? 0) > 0 || s.total === 0) return EXIT.errored;
  return EXIT.ok;
}
