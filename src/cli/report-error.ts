import { isCardcheckError } from '../core/errors.js';
import { formatDiagnostic } from '../report/format-diagnostic.js';
import type { ExitCode } from './exit-code.js';
import { EXIT, EXIT_FOR_ERROR } from './exit-code.js';

/**
 * The CLI's one catch: an error cardcheck raised on purpose becomes its
 * message (with the located diagnostics or problems it carries) and the exit
 * code of its row in EXIT_FOR_ERROR; anything else is a bug, said as such.
 */
export function reportError(err: unknown, command: string, stderr: (line: string) => void): ExitCode {
  const at = command === 'run' ? 'cardcheck' : `cardcheck ${command}`;
  if (!isCardcheckError(err)) {
    stderr(
      `cardcheck: internal error (please report): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return EXIT.internal;
  }
  const { diagnostics, problems } = err.details;
  if (err.code === 'config-invalid') {
    for (const d of diagnostics ?? []) for (const l of formatDiagnostic(d)) stderr(l);
    stderr(`${at}: ${err.message}; nothing was run`);
  } else if (err.code === 'merge-invalid') {
    for (const p of problems ?? [err.message]) stderr(`${at}: ${p}`);
    stderr(`${at}: nothing was written`);
  } else {
    stderr(`${at}: ${err.message}`);
  }
  return EXIT_FOR_ERROR[err.code];
}
