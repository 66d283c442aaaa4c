import type { CardResult } from '../../core/result.js';
import { describeProblem, failureLocations, formatWarning } from '../failure-text.js';
import type { Annotation } from './workflow-command.js';

/**
 * One annotation per failed or errored card: a failed card's at the line of
 * its first failed expectation, an errored card's at its first error
 * diagnostic (else the card's line); a warning per flaky card, and per passing card
 * with a status-only or OAuth standards warning.
 */
export function annotationsFor(cards: readonly CardResult[]): Annotation[] {
  const out: Annotation[] = [];
  for (const card of cards) {
    const name = card.endpoint || card.title || card.file;
    if (card.outcome === 'failed') {
      const [first] = failureLocations(card);
      out.push({
        level: 'error',
        file: card.file,
        line: first?.line ?? card.line,
        col: first?.column,
        title: `cardcheck: ${name} failed`,
        message: describeProblem(card).join('\n'),
      });
    } else if (card.outcome === 'errored') {
      const d = card.diagnostics.find((x) => x.severity === 'error');
      out.push({
        level: 'error',
        file: card.file,
        line: d?.line ?? card.line,
        col: d?.column,
        title: `cardcheck: ${name} errored`,
        message: d ? `${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}` : card.reason,
      });
    } else if (card.outcome === 'passed' && card.checks.some((c) => c.warning && c.actual === 'status only')) {
      out.push({
        level: 'warning',
        file: card.file,
        line: card.line,
        title: `cardcheck: ${name} checked only the status`,
        message: card.checks
          .filter((c) => c.warning)
          .map(formatWarning)
          .join('\n'),
      });
    } else if (card.outcome === 'passed' && card.checks.some((c) => c.warning && c.kind === 'standard')) {
      // A passing card whose OAuth endpoint broke a SHOULD (or any rule at level warn): shown where CI shows warnings.
      out.push({
        level: 'warning',
        file: card.file,
        line: card.line,
        title: `cardcheck: ${name} has OAuth standards warnings`,
        message: card.checks
          .filter((c) => c.warning && c.kind === 'standard')
          .map(formatWarning)
          .join('\n'),
      });
    } else if (card.outcome === 'flaky') {
      out.push({
        level: 'warning',
        file: card.file,
        line: card.line,
        title: `cardcheck: ${name} is flaky`,
        message: describeProblem(card).join('\n'),
      });
    }
  }
  return out;
}
