import type { RunResult } from '../core/result.js';

/**
 * results.json, a stable format (`format: cardcheck-results/1`): the run's
 * id, seed, target, shard, summary, every card with its attempts, what was
 * left behind, and coverage. Per card, `file`, `line`, `endpoint`, `title`,
 * `outcome`, `reason` and `durationMs` keep their names.
 */
export function toResultsJson(run: RunResult): unknown {
  return { format: 'cardcheck-results/1', ...run };
}
