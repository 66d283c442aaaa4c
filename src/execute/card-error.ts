import type { Diagnostic } from '../core/diagnostic.js';
import { CardcheckError, isCardcheckError } from '../core/errors.js';

/**
 * The card cannot be carried out; it becomes an `errored` outcome with this
 * message, and a located diagnostic at `at` (the step or flow that failed).
 */
export const cardError = (message: string, at?: { line: number; column?: number }) =>
  new CardcheckError('card-invalid', message, at ? { at: { line: at.line, column: at.column ?? 1 } } : {});

/** A run-time error located in the card, as a diagnostic like lint's: its code, its place, its message without the place. */
export function runtimeDiagnostic(err: unknown, file: string): Diagnostic | undefined {
  if (!isCardcheckError(err) || !err.details.at) return undefined;
  const message = err.message.replace(/ \([^()]*:\d+\)$/, '');
  return { ruleId: err.code, severity: 'error', file, ...err.details.at, message };
}

/** The reason an errored card shows: the message of an error cardcheck raised on purpose, else a bug to report. */
export function errorText(err: unknown): string {
  if (isCardcheckError(err)) return err.message;
  return `internal error (please report): ${err instanceof Error ? err.message : String(err)}`;
}
