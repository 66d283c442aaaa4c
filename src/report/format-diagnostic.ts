import type { ShownDiagnostic } from '../core/diagnostic.js';
import { caretIndex, windowLine } from '../core/source-window.js';

/**
 * Hurl-style: `file:line:col severity rule-id message`, the source line with a
 * caret under the column, then the hint.
 */
export function formatDiagnostic(d: ShownDiagnostic, indent = ''): string[] {
  const out = [`${indent}${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`];
  if (d.source !== undefined) {
    const gutter = String(d.line);
    const pad = ' '.repeat(gutter.length);
    // A whole long line (not windowed where it was attached) is windowed here.
    const shown = d.sourceStart === undefined ? windowLine(d.source, d.column) : d;
    const text = (shown.source ?? '').replace(/\t/g, ' ');
    const caret = caretIndex(d.column, shown.sourceStart);
    out.push(`${indent}  ${gutter} | ${text}`);
    const width = Math.max(1, /^\{\{[^}]*\}\}/.exec(text.slice(caret))?.[0].length ?? 1);
    out.push(`${indent}  ${pad} | ${' '.repeat(caret)}${'^'.repeat(width)}`);
  }
  if (d.hint) out.push(`${indent}  hint: ${d.hint}`);
  return out;
}

/** Diagnostics shown per card (per file in lint): the rest are counted, and all are in results.json. */
export const MAX_SHOWN_DIAGNOSTICS = 20;

/** The diagnostics to show, and the line that counts the others (undefined when none is left out). */
export function shownDiagnostics<T>(ds: readonly T[]): { shown: readonly T[]; more?: string } {
  if (ds.length <= MAX_SHOWN_DIAGNOSTICS) return { shown: ds };
  const rest = ds.length - MAX_SHOWN_DIAGNOSTICS;
  return { shown: ds.slice(0, MAX_SHOWN_DIAGNOSTICS), more: `… and ${rest} more problem${rest === 1 ? '' : 's'}` };
}
