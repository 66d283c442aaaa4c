/**
 * A long source line is shown as a window around the column pointed at, not
 * whole: one card with 5,000 problems on a 500 KB line printed that line
 * 5,000 times (2.5 GB) and stored it as many times in results.json.
 */
export const SOURCE_WINDOW = 160;

/**
 * `line` cut to SOURCE_WINDOW characters around `column` (1-based), `…`
 * marking each cut; `sourceStart` is the column of the line that the first
 * character after a leading `…` is, set only when the start is cut.
 */
export function windowLine(line: string, column: number): { source: string; sourceStart?: number } {
  if (line.length <= SOURCE_WINDOW) return { source: line };
  const half = Math.floor(SOURCE_WINDOW / 2);
  const start = Math.max(0, Math.min(column - 1 - half, line.length - SOURCE_WINDOW));
  const end = start + SOURCE_WINDOW;
  const source = `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
  return start > 0 ? { source, sourceStart: start + 1 } : { source };
}

/** Where the caret goes in a shown source (0-based), for a column of the whole line. */
export function caretIndex(column: number, sourceStart: number | undefined): number {
  return sourceStart === undefined ? Math.max(0, column - 1) : 1 + Math.max(0, column - sourceStart);
}
