import type { Placeholder } from '../core/card.js';
import { positionAt } from './source-text.js';

/** `{{ expr }}`; the inside may not contain braces. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * Every placeholder in `text`, located in the file: `text` starts at
 * (`line`, `column`) of the card.
 */
export function findPlaceholders(text: string, line: number, column = 1): Placeholder[] {
  const found: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const pos = positionAt(text, m.index ?? 0);
    found.push({
      expr: m[1] ?? '',
      raw: m[0],
      line: line + pos.line - 1,
      column: pos.line === 1 ? column + pos.column - 1 : pos.column,
    });
  }
  return found;
}
