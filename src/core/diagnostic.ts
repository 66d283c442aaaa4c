import type { SourcePos } from './source.js';

export type { SourcePos };

export type Severity = 'error' | 'warning';

/**
 * A located problem in user input. Parsers and planners return these instead
 * of throwing; only the CLI decides what they mean for the exit code.
 */
export interface Diagnostic extends SourcePos {
  /** kebab-case rule id, stable across releases, e.g. `unresolved-placeholder`. */
  ruleId: string;
  severity: Severity;
  file: string;
  message: string;
  /** What to do about it. */
  hint?: string;
}

export function isError(d: Diagnostic): boolean {
  return d.severity === 'error';
}

/** A diagnostic with the text of the line it points at, for display. */
export interface ShownDiagnostic extends Diagnostic {
  source?: string;
  /** Set when `source` is a window of a long line whose start is cut (`…` first): the column its next character is. */
  sourceStart?: number;
}
