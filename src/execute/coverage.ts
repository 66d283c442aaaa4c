import type { CardResult, CoverageRow } from '../core/result.js';

/** Status of the card's own request in its last attempt (results written before `status` existed: from `requests`). */
export function cardStatus(c: CardResult): number | undefined {
  return c.status ?? c.requests.find((r) => r.label === 'request')?.status;
}

/**
 * Per endpoint: statuses its cards document against statuses a passing card
 * actually got; endpoints whose every card was skipped carry the reasons.
 */
export function computeCoverage(cards: CardResult[]): CoverageRow[] {
  const rows = new Map<string, CoverageRow & { cards: CardResult[] }>();
  for (const c of cards) {
    if (!c.endpoint) continue;
    const key = `${c.api} ${c.endpoint}`;
    let row = rows.get(key);
    if (!row) {
      row = { api: c.api, endpoint: c.endpoint, documented: [], exercised: [], cards: [] };
      rows.set(key, row);
    }
    row.cards.push(c);
    for (const s of c.documentedStatuses) if (!row.documented.includes(s)) row.documented.push(s);
    const status = cardStatus(c);
    if ((c.outcome === 'passed' || c.outcome === 'flaky') && status !== undefined && !row.exercised.includes(status))
      row.exercised.push(status);
  }
  return [...rows.values()]
    .map(({ cards: list, ...row }) => ({
      ...row,
      documented: row.documented.sort((a, b) => a - b),
      exercised: row.exercised.sort((a, b) => a - b),
      ...(list.every((c) => c.outcome === 'skipped') ? { skippedOnly: [...new Set(list.map((c) => c.reason))] } : {}),
    }))
    .sort((a, b) => a.api.localeCompare(b.api) || a.endpoint.localeCompare(b.endpoint));
}
