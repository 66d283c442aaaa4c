import { walkBrackets } from '../card/json-brackets.js';

/**
 * How deep a response's JSON may nest and still be read. Reading (redaction,
 * schema checks, pretty-printing, reporters) walks values recursively; a
 * 10,000-deep body would overflow the stack. Bodies past this are refused
 * whole, with a message, before anything parses them.
 */
export const MAX_RESPONSE_DEPTH = 512;

/** Whether JSON text nests deeper than `max` (counted over the text, strings skipped: no parse, no recursion). */
export function jsonTooDeep(text: string, max = MAX_RESPONSE_DEPTH): boolean {
  return walkBrackets(text, 0, (_offset, depth, opens) => opens && depth > max) >= 0;
}
