import type { Diagnostic } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import { formatDiagnostic, MAX_SHOWN_DIAGNOSTICS } from '../report/format-diagnostic.js';

/**
 * Each diagnostic as `file:line:col severity rule message`, its source line with a caret, and its hint;
 * at most MAX_SHOWN_DIAGNOSTICS per file (they come sorted by file), then a line counting the others.
 */
export function printDiagnostics(
  diagnostics: readonly Diagnostic[],
  textOf: (file: string) => string | undefined,
  out: (line: string) => void,
): void {
  // One SourceFile per file: its lines are indexed once, however many diagnostics point into it.
  const sources = new Map<string, SourceFile | undefined>();
  const sourceOf = (name: string) => {
    if (!sources.has(name)) {
      const text = textOf(name);
      sources.set(name, text === undefined || text === '' ? undefined : new SourceFile(name, text));
    }
    return sources.get(name);
  };
  let file: string | undefined;
  let n = 0;
  const more = () => {
    if (file !== undefined && n > MAX_SHOWN_DIAGNOSTICS)
      out(`${file}: … and ${n - MAX_SHOWN_DIAGNOSTICS} more problems in this file`);
  };
  for (const d of diagnostics) {
    if (d.file !== file) {
      more();
      file = d.file;
      n = 0;
    }
    if (++n > MAX_SHOWN_DIAGNOSTICS) continue;
    // Without the file's text, the excerpt the diagnostic carries (a large lint keeps no card's text).
    const line = sourceOf(d.file)?.lineText(d.line);
    for (const l of formatDiagnostic(line === undefined ? d : { ...d, source: line })) out(l);
  }
  more();
}
