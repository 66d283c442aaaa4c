import type { CardResult, LeftBehind, Outcome, RunSummary } from '../core/result.js';
import { CoverageTally } from './coverage.js';

/** What a run says of all its cards (counts, coverage, what was left behind), added to as each card ends. */
export class RunTally {
  private readonly counts: Record<Outcome, number> = { passed: 0, failed: 0, flaky: 0, skipped: 0, errored: 0 };
  private total = 0;
  readonly coverage = new CoverageTally();
  /** Left behind by cards, as their results said when they ended. */
  readonly leftBehind: LeftBehind[] = [];
  /** Left behind by cleanups that ran after their card ended (of cards other cards needed). */
  readonly late: LeftBehind[] = [];

  add(c: CardResult): void {
    this.total++;
    this.counts[c.outcome]++;
    this.coverage.add(c);
    this.leftBehind.push(...c.leftBehind);
  }

  summary(durationMs: number): RunSummary {
    return { total: this.total, ...this.counts, durationMs };
  }
}
