import { describe, expect, it } from 'vitest';
import { formatCoverageLine, formatSummaryLine } from './summary-text.js';

describe('summary lines', () => {
  it('names flaky cards only when there are some', () => {
    const s = { total: 5, passed: 2, failed: 1, flaky: 0, skipped: 1, errored: 1, durationMs: 40 };
    expect(formatSummaryLine(s)).toBe('5 cards: 2 passed, 1 failed, 1 skipped, 1 errored in 40 ms');
    expect(formatSummaryLine({ ...s, passed: 1, flaky: 1 })).toBe(
      '5 cards: 1 passed, 1 failed, 1 flaky, 1 skipped, 1 errored in 40 ms',
    );
    expect(formatSummaryLine({ ...s, total: 1 })).toMatch(/^1 card: /);
  });

  it('counts documented statuses a passing card exercised, and endpoints only skipped', () => {
    const rows = [
      { api: 'a', endpoint: 'GET /x', documented: [200, 404], exercised: [200, 500] },
      { api: 'a', endpoint: 'POST /y', documented: [201], exercised: [201] },
      { api: 'a', endpoint: 'POST /oauth/token', documented: [200], exercised: [], skippedOnly: ['needs a browser'] },
    ];
    expect(formatCoverageLine(rows)).toBe(
      'coverage: 3 endpoints, 2 of 4 documented statuses exercised; 1 endpoint only skipped',
    );
    expect(formatCoverageLine(rows.slice(1, 2))).toBe('coverage: 1 endpoint, 1 of 1 documented status exercised');
  });
});
