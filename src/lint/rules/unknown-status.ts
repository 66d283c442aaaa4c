import { didYouMean } from '../../util/did-you-mean.js';
import type { CardRule } from '../rule.js';

const STATUSES = ['success', 'skip'];

export const unknownStatus: CardRule = {
  id: 'unknown-status',
  check({ card, file }) {
    const status = card?.frontMatter.status;
    if (!card || status === undefined || STATUSES.includes(status)) return [];
    const near = didYouMean(status, STATUSES);
    return [
      {
        ruleId: 'unknown-status',
        severity: 'error',
        file,
        line: card.frontMatter.keyLines.status ?? 1,
        column: 1,
        message: `status "${status}" is not one of: ${STATUSES.join(', ')}`,
        hint: near
          ? `Did you mean "${near}"?`
          : 'Use `status: success` for a card to run, `status: skip` with a skipReason for one that cannot.',
      },
    ];
  },
};
