import type { Diagnostic } from '../../core/diagnostic.js';
import type { Annotation } from './workflow-command.js';

/** `cardcheck lint --format github`: each finding as an annotation at its line (`::error file=…,line=…::`). */
export function lintAnnotations(diagnostics: readonly Diagnostic[]): Annotation[] {
  return diagnostics.map((d) => ({
    level: d.severity,
    file: d.file,
    line: Math.max(1, d.line),
    col: Math.max(1, d.column),
    title: `cardcheck ${d.ruleId}`,
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
  }));
}
