import { BrowserError } from '../core/browser.js';
import { TransportError } from '../http/client.js';
import { UnresolvedValueError } from '../plan/render.js';
import { AuthError } from './auth.js';
import { TargetError } from './context.js';

/** The card cannot be carried out; becomes an `errored` outcome. */
export class CardError extends Error {}

export function errorText(err: unknown): string {
  if (
    err instanceof CardError ||
    err instanceof TransportError ||
    err instanceof UnresolvedValueError ||
    err instanceof AuthError ||
    err instanceof TargetError ||
    err instanceof BrowserError
  )
    return err.message;
  return `internal error (please report): ${err instanceof Error ? err.message : String(err)}`;
}
