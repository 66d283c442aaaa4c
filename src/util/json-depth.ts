/**
 * How deep a response's JSON may nest and still be read. Reading (redaction,
 * schema checks, pretty-printing, reporters) walks values recursively; a
 * 10,000-deep body would overflow the stack. Bodies past this are refused
 * whole, with a message, before anything parses them.
 */
export const MAX_RESPONSE_DEPTH = 512;

/** Whether JSON text nests deeper than `max` (counted over the text, strings skipped: no parse, no recursion). */
export function jsonTooDeep(text: string, max = MAX_RESPONSE_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
