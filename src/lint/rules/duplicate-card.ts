import { createHash } from 'node:crypto';
import { requestParts } from '../../card/card-requests.js';
import type { LintInput, ProjectRule } from '../rule.js';

/** What makes two cards the same: the route they call, and a digest of request + expectation. */
interface DuplicateKey {
  route: string;
  signature: string;
  line: number;
}

function keyOf(c: LintInput): DuplicateKey | undefined {
  const card = c.card;
  // A card with errors was refused: it is nobody's duplicate.
  if (!card?.request || card.frontMatter.status === 'skip' || c.diagnostics.some((d) => d.severity === 'error'))
    return undefined;
  const r = card.request;
  const e = card.expect;
  const whole = JSON.stringify([
    card.frontMatter.api ?? '',
    ...requestParts(r),
    e?.status ?? [],
    e?.schema ?? null,
    e?.assertions.map((a) => [a.target, a.op, a.value, a.each ?? null]) ?? [],
  ]);
  return {
    route: `${card.frontMatter.api ?? ''} ${r.method} ${r.path}`,
    // A digest, not the text: a large run keeps one key per card until every card is read.
    signature: createHash('sha1').update(whole).digest('base64'),
    line: r.line,
  };
}

/** Same endpoint, same request, same expectation: one of the two cards is redundant. */
export const duplicateCard: ProjectRule<DuplicateKey> = {
  id: 'duplicate-card',
  keyOf,
  *check(keys) {
    const first = new Map<string, string>();
    for (const { file, key } of keys) {
      const sig = `${key.route}\n${key.signature}`;
      const earlier = first.get(sig);
      if (earlier === undefined) {
        first.set(sig, file);
        continue;
      }
      yield {
        ruleId: 'duplicate-card',
        severity: 'warning' as const,
        file,
        line: key.line,
        column: 1,
        message: `this card sends the same request with the same expectation as ${earlier}`,
        hint: `Delete one of ${earlier} and ${file}, or make them test different scenarios.`,
      };
    }
  },
};
