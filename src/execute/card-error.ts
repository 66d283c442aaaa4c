import { CardcheckError, isCardcheckError } from '../core/errors.js';

/** The card cannot be carried out; it becomes an `errored` outcome with this message. */
export const cardError = (message: string) => new CardcheckError('card-invalid', message);

/** The reason an errored card shows: the message of an error cardcheck raised on purpose, else a bug to report. */
export function errorText(err: unknown): string {
  if (isCardcheckError(err)) return err.message;
  return `internal error (please report): ${err instanceof Error ? err.message : String(err)}`;
}
