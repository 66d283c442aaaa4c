import type { CardRule } from '../rule.js';

export const skipWithoutReason: CardRule = {
  id: 'skip-without-reason',
  check({ card, file }) {
    if (card?.frontMatter.status !== 'skip' || card.frontMatter.skipReason?.trim()) return [];
    return [
      {
        ruleId: 'skip-without-reason',
        severity: 'warning',
        file,
        line: card.frontMatter.keyLines.status ?? 1,
        column: 1,
        message: 'the card is skipped but says no skipReason; it will be reported skipped without one',
        hint: 'Add `skipReason: why this card cannot run automatically`.',
      },
    ];
  },
};
