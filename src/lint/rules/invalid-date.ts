import type { CardRule } from '../rule.js';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const invalidDate: CardRule = {
  id: 'invalid-date',
  check({ card, file }) {
    if (!card) return [];
    return (['savedAt', 'verifiedAt'] as const)
      .filter((key) => {
        const v = card.frontMatter[key];
        return v !== undefined && (!ISO_8601.test(v) || Number.isNaN(Date.parse(v)));
      })
      .map((key) => ({
        ruleId: 'invalid-date',
        severity: 'warning' as const,
        file,
        line: card.frontMatter.keyLines[key] ?? 1,
        column: 1,
        message: `${key} "${card.frontMatter[key]}" is not an ISO 8601 date`,
        hint: 'Write it like 2026-01-25T05:30:54.250Z.',
      }));
  },
};
