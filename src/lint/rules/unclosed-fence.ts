import type { CardRule } from '../rule.js';

export const unclosedFence: CardRule = {
  id: 'unclosed-fence',
  check({ unclosedFences, file }) {
    return unclosedFences.map((f) =>
      f.empty
        ? {
            ruleId: 'unclosed-fence',
            severity: 'warning' as const,
            file,
            line: f.line,
            column: 1,
            message: 'a stray code fence opens here and is never closed (it holds nothing)',
            hint: 'Delete the stray ``` line.',
          }
        : {
            ruleId: 'unclosed-fence',
            severity: 'error' as const,
            file,
            line: f.line,
            column: 1,
            message: 'this code fence is never closed, so everything after it is swallowed as code',
            hint: 'Close the block with a ``` line where its content ends.',
          },
    );
  },
};
