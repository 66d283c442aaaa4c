import { isExpectationKey } from '../../card/front-matter-expectation.js';
import { didYouMean } from '../../util/did-you-mean.js';
import type { CardRule } from '../rule.js';

export const FRONT_MATTER_KEYS = [
  'endpoint',
  'domain',
  'tags',
  'status',
  'skipReason',
  'skip',
  'skip_reason',
  'savedAt',
  'verifiedAt',
  'timesReused',
  'id',
  'api',
  'auth',
  'maxBodyBytes',
  'endpointKind',
  'standards',
];

export const unknownFrontMatterKey: CardRule = {
  id: 'unknown-front-matter-key',
  check({ card, file }) {
    if (!card) return [];
    return (
      Object.keys(card.frontMatter.data)
        // Keys that say what the response must be are read, or refused as errors, when the card is parsed.
        .filter((k) => !FRONT_MATTER_KEYS.includes(k) && !isExpectationKey(k))
        .map((k) => {
          const near = didYouMean(k, FRONT_MATTER_KEYS);
          return {
            ruleId: 'unknown-front-matter-key',
            severity: 'warning' as const,
            file,
            line: card.frontMatter.keyLines[k] ?? 1,
            column: 1,
            message: `front-matter key "${k}" is not one cardcheck knows`,
            hint: near ? `Did you mean "${near}"?` : `Known keys: ${FRONT_MATTER_KEYS.join(', ')}.`,
          };
        })
    );
  },
};
