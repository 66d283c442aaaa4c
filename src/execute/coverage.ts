import type { CardResult, CoverageRow } from '../core/result.js';

/** Status of the card's own request in its last attempt (results written before `status` existed: from `requests`). */
export function cardStatus(c: CardResult): number | undefined {
  return c.status ?? c.requests.find((r) => r.label === 'request')?.status;
}

interface Row extends CoverageRow {
  /** Every card of the endpoint was skipped so far. */
  onlySkipped: boolean;
  reasons: Set<string>;
}

/**
 * Per endpoint: statuses its cards document against statuses a passing card actually got; endpoints whose every
 * card was skipped carry the reasons. Added to card by card, so a run need not keep its results to say it.
 */
export class CoverageTally {
  private readonly rows = new Map<string, Row>();

  add(c: CardResult): void {
    if (!c.endpoint) return;
    const key = `${c.api} ${c.endpoint}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { api: c.api, endpoint: c.endpoint, documented: [], exercised: [], onlySkipped: true, reasons: new Set() };
      this.rows.set(key, row);
    }
    for (const s of c.documentedStatuses) if (!row.documented.includes(s)) row.documented.push(s);
    const status = cardStatus(c);
    if ((c.outcome === 'passed' || c.outcome === 'flaky') && status !== undefined && !row.exercised.includes(status))
      row.exercised.push(status);
    if (c.outcome === 'skipped') row.reasons.add(c.reason);
    else row.onlySkipped = false;
  }

  coverage(): CoverageRow[] {
    return [...this.rows.values()]
      .map(({ onlySkipped, reasons, ...row }) => ({
        ...row,
        documented: [...row.documented].sort((a, b) => a - b),
        exercised: [...row.exercised].sort((a, b) => a - b),
        ...(onlySkipped ? { skippedOnly: [...reasons] } : {}),
      }))
      .sort((a, b) => a.api.localeCompare(b.api) || a.endpoint.localeCompare(b.endpoint));
  }
}

/** Coverage of results held in memory. */
export function computeCoverage(cards: CardResult[]): CoverageRow[] {
  const tally = new CoverageTally();
  for (const c of cards) tally.add(c);
  return tally.coverage();
}
