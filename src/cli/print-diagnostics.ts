import type { Diagnostic } from '../core/diagnostic.js';
import { sourceLine } from '../core/source.js';
import { formatDiagnostic } from '../report/format-diagnostic.js';

/** Each diagnostic as `file:line:col severity rule message`, its source line with a caret, and its hint. */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  textOf: (file: string) => string | undefined,
  out: (line: string) => void,
): void {
  for (const d of diagnostics) {
    const text = textOf(d.file);
    for (const l of formatDiagnostic({ ...d, source: text === undefined ? undefined : sourceLine(text, d.line) }))
      out(l);
  }
}
