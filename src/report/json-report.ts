import type { RunResult } from '../core/result.js';
import type { ReportCards } from './report-cards.js';
import { heldCards } from './report-cards.js';

/** The value of `format` in every results.json this version writes. */
export const RESULTS_FORMAT = 'cardcheck-results/4';

/** results.json as written: the run model with its format tag first. */
export type ResultsJson = { format: typeof RESULTS_FORMAT } & RunResult;

/**
 * results.json, a stable format (`format: cardcheck-results/4`, described in
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
    ...(run.trace ? { trace: run.trace } : {}),
    ...(run.browser ? { browser: run.browser } : {}),
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

/** The text of one card in results.json, indented as formatResultsJson places it. */
const cardText = (card: unknown) => JSON.stringify(card, null, 2).replace(/^/gm, '    ');

/**
 * results.json in pieces, the same text as formatResultsJson: the run around
 * its cards, then one card at a time, so no one string holds the whole report
 * (a run of many large cards passed V8's string limit: "Invalid string length").
 * `cards`: those to write, when the run streamed them (`run.cards` otherwise).
 */
export function* resultsJsonChunks(run: RunResult, cards: ReportCards = heldCards(run.cards)): Generator<string> {
  const results = toResultsJson({ ...run, cards: [] });
  if (cards.count === 0) {
    yield formatResultsJson({ ...run, cards: [] });
    return;
  }
  const frame = JSON.stringify(results, null, 2);
  // A newline inside a JSON string is escaped: this is the top-level key.
  const at = frame.indexOf('\n  "cards": []');
  const open = at + '\n  "cards": ['.length;
  yield `${frame.slice(0, open)}\n`;
  let i = 0;
  for (const card of cards.all()) yield `${cardText(card)}${++i < cards.count ? ',' : ''}\n`;
  yield `  ]${frame.slice(open + 1)}\n`;
}
