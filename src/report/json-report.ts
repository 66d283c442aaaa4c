import type { RunResult } from '../core/result.js';

/** The value of `format` in every results.json this version writes. */
export const RESULTS_FORMAT = 'cardcheck-results/3';

/** results.json as written: the run model with its format tag first. */
export type ResultsJson = { format: typeof RESULTS_FORMAT } & RunResult;

/**
 * results.json, a stable format (`format: cardcheck-results/3`, described in
 * schemas/README.md and schemas/results.schema.json): the run's id, seed,
 * target, shard, summary, every card with its attempts, what was left
 * behind, and coverage. Only the fields of the run model are written, in a
 * fixed order; names are stable within a format version.
 */
export function toResultsJson(run: RunResult): ResultsJson {
  return {
    format: RESULTS_FORMAT,
    runId: run.runId,
    target: run.target,
    startedAt: run.startedAt,
    seed: run.seed,
    ...(run.shard ? { shard: run.shard } : {}),
    ...(run.mergedFrom ? { mergedFrom: run.mergedFrom } : {}),
    summary: run.summary,
    cards: run.cards,
    leftBehind: run.leftBehind,
    coverage: run.coverage,
    ...(run.aborted ? { aborted: run.aborted } : {}),
  };
}

export function formatResultsJson(run: RunResult): string {
  return `${JSON.stringify(toResultsJson(run), null, 2)}\n`;
}
