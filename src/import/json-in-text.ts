import type { JsonValue } from '../core/json.js';

export interface JsonInText {
  value: JsonValue;
  /** 1-based lines where the JSON starts and ends. */
  startLine: number;
  endLine: number;
}

/** Offset just past the `}` or `]` closing the bracket at `start`, strings skipped; -1 if it never closes. */
function closingOf(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * Every JSON object written in a page, fenced or not (scraped vendor pages
 * lose their code fences): a line whose text starts with `{` opens one; it
 * ends at the matching `}`; it counts when JSON.parse accepts it.
 */
export function findJsonObjects(text: string): JsonInText[] {
  const found: JsonInText[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  let searchFrom = 0;
  for (;;) {
    const open = /^[ \t]*\{/m.exec(text.slice(searchFrom));
    if (!open) return found;
    const start = searchFrom + open.index + open[0].length - 1;
    const end = closingOf(text, start);
    if (end === -1) return found;
    try {
      found.push({ value: JSON.parse(text.slice(start, end)) as JsonValue, startLine: lineOf(start), endLine: lineOf(end) });
      searchFrom = end;
    } catch {
      searchFrom = start + 1;
    }
  }
}
