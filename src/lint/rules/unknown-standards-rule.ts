import { STANDARD_RULES } from '../../standards/rules.js';
import { didYouMean } from '../../util/did-you-mean.js';
import type { CardRule } from '../rule.js';

const IDS = STANDARD_RULES.map((r) => r.id);

/** `standards: { off: [{ rule }] }` naming a rule that does not exist: it would switch nothing off. */
export const unknownStandardsRule: CardRule = {
  id: 'unknown-standards-rule',
  check({ card, file }) {
    return (card?.frontMatter.standardsOff ?? [])
      .filter((o) => !IDS.includes(o.rule))
      .map((o) => {
        const near = didYouMean(o.rule, IDS);
        return {
          ruleId: 'unknown-standards-rule',
          severity: 'error' as const,
          file,
          line: o.line,
          column: 1,
          message: `standards: "${o.rule}" is not a standards rule, so it switches nothing off`,
          hint: near ? `Did you mean "${near}"?` : 'The rules are listed in docs/standards.md.',
        };
      });
  },
};
