import type { CardResult } from '../../core/result.js';
import { describeProblem } from '../failure-text.js';
import type { Annotation } from './workflow-command.js';

/**
 * One annotation per failed or errored card, at the card's line (an errored
 * card's first error diagnostic when it has one); a warning per flaky card.
 */
export function annotationsFor(cards: readonly CardResult[]): Annotation[] {
  const out: Annotation[] = [];
  for (const card of cards) {
    const name = card.endpoint || card.title || card.file;
    if (card.outcome === 'failed') {
      out.push({
        level: 'error',
        file: card.file,
        line: card.line,
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
