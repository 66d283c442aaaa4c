import { patternProblem } from '../../util/linear-regex.js';
import type { CardRule } from '../rule.js';

/** A `matches` pattern RE2 cannot run (lookaround, backreferences) or no regex engine reads, at its assertion. */
export const unsupportedPattern: CardRule = {
  id: 'unsupported-pattern',
  check({ card, file }) {
    const out = [];
    for (const a of card?.expect?.assertions ?? []) {
      if (a.op !== 'matches') continue;
      const problem = patternProblem(String(a.value));
      if (!problem) continue;
      out.push({
        ruleId: 'unsupported-pattern',
        severity: 'error' as const,
        file,
        line: a.line,
        column: a.column,
        message: problem,
        hint: 'Rewrite it without lookaround ((?=…), (?!…), (?<=…)) or backreferences (\\1); write \\x{e9} for \\u00e9.',
      });
    }
    return out;
  },
};
