import type { Diagnostic } from '../core/diagnostic.js';

/**
 * Something in an expectation position that cardcheck would not turn into a
 * check, refused at its place (rule `unreadable-expectation`): the card is
 * errored before anything is sent, never passed without checking it.
 */
export function unreadable(
  file: string,
  at: { line: number; column?: number },
  message: string,
  hint: string,
): Diagnostic {
  return {
    ruleId: 'unreadable-expectation',
    severity: 'error',
    file,
    line: at.line,
    column: at.column ?? 1,
    message,
    hint,
  };
}
