import type { RunSummary } from '../core/result.js';

/** Exit codes: 0 nothing failed or errored, 1 a card failed, 2 a card errored (and none failed) or nothing was selected. */
export const EXIT = { ok: 0, failed: 1, errored: 2 } as const;

export function exitCodeFor(summary: RunSummary, missingPaths: number): number {
  if (summary.failed > 0) return EXIT.failed;
  if (summary.errored > 0 || missingPaths > 0 || summary.total === 0) return EXIT.errored;
  return EXIT.ok;
}
