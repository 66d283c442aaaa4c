import { scanBlocks } from '../../card/markdown.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { CardRule } from '../rule.js';

/** A JSON string, or a YAML value, that starts with TODO: what `cardcheck new` leaves for the author to fill. */
const TODO = /"TODO\b(?:[^"\\\n]|\\.)*"|:\s*TODO\b.*$/;

/** A JSON string's text; as written when its escapes are not JSON's. */
function unquote(s: string): string {
  try {
    return String(JSON.parse(s));
  } catch {
    return s.slice(1, -1);
  }
}

/**
 * A value in a code block (request, UID steps, expectation) that still says
 * TODO. An error, so such a card is not sent until the author fills it in.
 */
export const todoValue: CardRule = {
  id: 'todo-value',
  check({ card, file, text }) {
    // Most cards hold no TODO: one substring search instead of scanning every block's lines (bench/parse.mjs).
    if (!card || !text.includes('TODO')) return [];
    const out: Diagnostic[] = [];
    for (const b of scanBlocks(text, 0, 1)) {
      if (b.kind !== 'fence') continue;
      const lines = b.content.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const m = TODO.exec(lines[i] ?? '');
        if (!m) continue;
        const value = m[0].startsWith('"') ? unquote(m[0]) : m[0].replace(/^:\s*/, '');
        out.push({
          ruleId: 'todo-value',
          severity: 'error',
          file,
          line: b.contentLine + i,
          column: m.index + 1 + (m[0].startsWith(':') ? m[0].length - m[0].replace(/^:\s*/, '').length : 0),
          message: `a value still to fill in: ${value}`,
          hint: 'Replace the TODO with the real value; the card is not run until no TODO is left.',
        });
      }
    }
    return out;
  },
};
