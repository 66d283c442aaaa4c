import type { Placeholder } from '../core/card.js';
import { SourceFile } from '../core/source.js';

/** `{{ expr }}`, or `<<expr>>` which some authors write; the inside may not contain braces. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}|<<\s*([A-Za-z_][\w.\-[\]]*)\s*>>/g;
const SOLE = /^(?:\{\{\s*([^{}]*?)\s*\}\}|<<\s*([A-Za-z_][\w.\-[\]]*)\s*>>)$/;

export interface PlaceholderMatch {
  index: number;
  raw: string;
  expr: string;
}

export function scanPlaceholders(text: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  // Most strings hold no placeholder: a substring test is far cheaper than the expression.
  if (!text.includes('{{') && !text.includes('<<')) return found;
  for (const m of text.matchAll(PLACEHOLDER)) found.push({ index: m.index ?? 0, raw: m[0], expr: m[1] ?? m[2] ?? '' });
  return found;
}

export function replacePlaceholders(text: string, replace: (expr: string, raw: string) => string): string {
  return text.replace(PLACEHOLDER, (raw: string, a: string | undefined, b: string | undefined) =>
    replace(a ?? b ?? '', raw),
  );
}

/** The expression when `text` is exactly one placeholder and nothing else. */
export function solePlaceholder(text: string): string | undefined {
  const m = SOLE.exec(text);
  return m ? (m[1] ?? m[2] ?? '') : undefined;
}

/**
 * Every placeholder in `text`, located in the file: `text` starts at
 * (`line`, `column`) of the card.
 */
export function findPlaceholders(text: string, line: number, column = 1): Placeholder[] {
  const found = scanPlaceholders(text);
  if (found.length === 0) return [];
  const source = new SourceFile('', text, { line, column });
  return found.map((m) => {
    const pos = source.positionAt(m.index);
    return { expr: m.expr, raw: m.raw, line: pos.line, column: pos.column };
  });
}
