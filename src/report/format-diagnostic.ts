import type { ShownDiagnostic } from '../core/diagnostic.js';

/**
 * Hurl-style: `file:line:col severity rule-id message`, the source line with a
 * caret under the column, then the hint.
 */
export function formatDiagnostic(d: ShownDiagnostic, indent = ''): string[] {
  const out = [`${indent}${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`];
  if (d.source !== undefined) {
    const gutter = String(d.line);
    const pad = ' '.repeat(gutter.length);
    const text = d.source.replace(/\t/g, ' ');
    out.push(`${indent}  ${gutter} | ${text}`);
    const width = Math.max(1, /^\{\{[^}]*\}\}/.exec(text.slice(d.column - 1))?.[0].length ?? 1);
    out.push(`${indent}  ${pad} | ${' '.repeat(Math.max(0, d.column - 1))}${'^'.repeat(width)}`);
  }
  if (d.hint) out.push(`${indent}  hint: ${d.hint}`);
  return out;
}
