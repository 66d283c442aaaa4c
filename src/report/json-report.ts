import type { RunResult } from '../core/result.js';

/**
 * results.json, a stable format: `summary` and, per card, `file`, `line`,
 * `endpoint`, `title`, `outcome`, `reason`, `durationMs` keep their names.
 */
export function toResultsJson(run: RunResult): unknown {
  return {
    format: 'cardcheck-results/1',
    target: run.target,
    startedAt: run.startedAt,
    summary: run.summary,
    cards: run.cards.map((c) => ({
      file: c.file,
      line: c.line,
      endpoint: c.endpoint,
      title: c.title,
      outcome: c.outcome,
      reason: c.reason,
      durationMs: c.durationMs,
      checks: c.checks,
      diagnostics: c.diagnostics,
      requests: c.requests,
      leftBehind: c.leftBehind,
    })),
    leftBehind: run.leftBehind,
  };
}
