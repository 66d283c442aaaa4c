import type { CoverageRow, RunSummary } from '../core/result.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `N cards: a passed, b failed, [c flaky,] d skipped, e errored in X ms`: the flaky part only when non-zero. */
export function formatSummaryLine(s: RunSummary): string {
  const parts = [
    `${s.passed} passed`,
    `${s.failed} failed`,
    ...(s.flaky ? [`${s.flaky} flaky`] : []),
    `${s.skipped} skipped`,
    `${s.errored} errored`,
  ];
  return `${plural(s.total, 'card')}: ${parts.join(', ')} in ${s.durationMs} ms`;
}

export interface CoverageTotals {
  endpoints: number;
  documented: number;
  /** Documented statuses that a passing card exercised. */
  exercised: number;
  /** Statuses exercised that no card documents (counted apart). */
  undocumented: number;
  skippedOnly: number;
}

export function coverageTotals(rows: readonly CoverageRow[]): CoverageTotals {
  let documented = 0;
  let exercised = 0;
  let undocumented = 0;
  for (const r of rows) {
    documented += r.documented.length;
    exercised += r.documented.filter((s) => r.exercised.includes(s)).length;
    undocumented += r.exercised.filter((s) => !r.documented.includes(s)).length;
  }
  return {
    endpoints: rows.length,
    documented,
    exercised,
    undocumented,
    skippedOnly: rows.filter((r) => r.skippedOnly).length,
  };
}

/** e.g. `coverage: 14 endpoints, 22 of 25 documented statuses exercised; 1 endpoint only skipped`. */
export function formatCoverageLine(rows: readonly CoverageRow[]): string {
  const t = coverageTotals(rows);
  let line = `coverage: ${plural(t.endpoints, 'endpoint')}, ${t.exercised} of ${t.documented} documented status${t.documented === 1 ? '' : 'es'} exercised`;
  if (t.skippedOnly) line += `; ${plural(t.skippedOnly, 'endpoint')} only skipped`;
  return line;
}
