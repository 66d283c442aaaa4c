import { walkBrackets } from '../card/json-brackets.js';
import type { JsonValue } from '../core/json.js';
import { SourceFile } from '../core/source.js';

export interface JsonInText {
  value: JsonValue;
  /** 1-based lines where the JSON starts and ends. */
  startLine: number;
  endLine: number;
}

/**
 * Every JSON object written in a page, fenced or not (scraped vendor pages
 * lose their code fences): a line whose text starts with `{` opens one; it
 * ends at the matching `}`; it counts when JSON.parse accepts it.
 */
export function findJsonObjects(text: string): JsonInText[] {
  const found: JsonInText[] = [];
  const source = new SourceFile('', text);
  const opening = /^[ \t]*\{/gm;
  let searchFrom = 0;
  for (;;) {
    opening.lastIndex = searchFrom;
    const open = opening.exec(text);
    if (!open) return found;
    const start = open.index + open[0].length - 1;
    const closing = walkBrackets(text, start, (_offset, depth) => depth === 0);
    if (closing === -1) return found;
    const end = closing + 1;
    try {
      const value = JSON.parse(text.slice(start, end)) as JsonValue;
      const at = source.rangeOf({ start, end });
      found.push({ value, startLine: at.start.line, endLine: at.end.line });
      searchFrom = end;
    } catch {
      searchFrom = start + 1;
    }
  }
}
