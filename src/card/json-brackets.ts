/**
 * Walk the brackets of JSON text from `start`, skipping strings: `visit` is
 * called at each `{`/`[` and `}`/`]` with its offset and the nesting depth
 * after it (1 inside the first opened bracket). Returns the offset at which
 * `visit` returned true, or -1.
 */
export function walkBrackets(
  text: string,
  start: number,
  visit: (offset: number, depth: number, opens: boolean) => boolean,
): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (visit(i, ++depth, true)) return i;
    } else if (c === 125 || c === 93) {
      if (visit(i, --depth, false)) return i;
    }
  }
  return -1;
}
