import type { BrowserArtefacts } from './browser.js';
import type { Diagnostic } from './diagnostic.js';

/**
 * Every error cardcheck raises on purpose, by code. A contract failure is not
 * one of them: it is a check result. The CLI maps each code to an exit code in
 * one table (`src/cli/exit-code.ts`); anything thrown that is not a
 * CardcheckError is a bug, reported as such.
 */
export const ERROR_CODES = [
  // The run cannot start or go on because of the user's inputs or local state (exit 2).
  'flag-invalid',
  'config-invalid',
  'env-file-unreadable',
  'target-unknown',
  'local-state',
  'reporter-unknown',
  'break-unknown',
  'merge-invalid',
  // One card cannot be carried out: it is reported errored and the other cards run.
  'card-invalid',
  'schema-ref',
  'value-unresolved',
  'auth-failed',
  'target-api-missing',
  'request-unsafe',
  'browser-failed',
  // The target asked to wait longer than cardcheck waits (Retry-After past the cap or the run's deadline).
  'retry-refused',
  'transport',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** How a request failed to get an answer (from undici's error codes); not a contract failure. */
export type TransportErrorKind =
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'dns'
  | 'tls'
  | 'proxy'
  | 'invalid-response'
  /** The body went past the byte cap (the connection was dropped). */
  | 'too-large'
  /** The run stopped the request in flight (--run-timeout). */
  | 'stopped'
  /** The connection was not accepted in time (a firewalled or overloaded host). */
  | 'connect-timeout'
  | 'other';

/** What some codes carry besides their message. */
export interface ErrorDetails {
  /** `config-invalid`: the located problems. */
  diagnostics?: Diagnostic[];
  /** `transport`: what kind of failure. */
  transport?: TransportErrorKind;
  /** `merge-invalid`: one line per problem a person can act on. */
  problems?: string[];
  /** `value-unresolved`: the placeholder as written. */
  raw?: string;
  /** `schema-ref`: where in the referenced file it broke. */
  pointer?: string;
  /** Where in the card the construct that failed is written (a UID step, a browser flow), 1-based. */
  at?: { line: number; column: number };
  /** `browser-failed`: the screenshot and traces the failed flow left beside the report. */
  browserArtefacts?: BrowserArtefacts;
}

/** The one error type: a stable code, a message that says what to do, and the details some codes carry. */
export class CardcheckError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'CardcheckError';
  }
}

/** The kind of a transport error, or undefined for any other error. */
export function transportKind(err: unknown): TransportErrorKind | undefined {
  return isCardcheckError(err, 'transport') ? err.details.transport : undefined;
}

/** True for an error cardcheck raised on purpose, optionally of one of the given codes. */
export function isCardcheckError(err: unknown, ...codes: ErrorCode[]): err is CardcheckError {
  return err instanceof CardcheckError && (codes.length === 0 || codes.includes(err.code));
}
