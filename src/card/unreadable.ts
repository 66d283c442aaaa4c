import type { Diagnostic } from '../core/diagnostic.js';

/**
 * Something in an expectation position that cardcheck would not turn into a
 * check, refused at its place (rule `unreadable-expectation`): the card is
 * errored before anything is sent, never passed without checking it. A request
 * or step it cannot read is refused the same way (`unreadable-request`).
 */
export function unreadable(
  file: string,
  at: { line: number; column?: number },
  message: string,
  hint: string,
  ruleId: 'unreadable-expectation' | 'unreadable-request' = 'unreadable-expectation',
): Diagnostic {
  return {
    ruleId,
    severity: 'error',
    file,
    line: at.line,
    column: at.column ?? 1,
    message,
    hint,
  };
}
