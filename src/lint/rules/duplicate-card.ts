import { requestParts } from '../../card/card-requests.js';
import type { LintInput, ProjectRule } from '../rule.js';

function signature(c: LintInput): string | undefined {
  const card = c.card;
  // A card with errors was refused: it is nobody's duplicate.
  if (!card?.request || card.frontMatter.status === 'skip' || c.diagnostics.some((d) => d.severity === 'error'))
    return undefined;
  const r = card.request;
  const e = card.expect;
  return JSON.stringify([
    card.frontMatter.api ?? '',
    ...requestParts(r),
    e?.status ?? [],
    e?.schema ?? null,
    e?.assertions.map((a) => [a.target, a.op, a.value, a.each ?? null]) ?? [],
  ]);
}

/** Same endpoint, same request, same expectation: one of the two cards is redundant. */
export const duplicateCard: ProjectRule = {
  id: 'duplicate-card',
  check(cards) {
    // Only cards sending the same METHOD + path can be duplicates: stringify just those.
    const routes = new Map<string, number>();
    const routeOf = cards.map((c) =>
      c.card?.request ? `${c.card.frontMatter.api ?? ''} ${c.card.request.method} ${c.card.request.path}` : undefined,
    );
    for (const r of routeOf) if (r !== undefined) routes.set(r, (routes.get(r) ?? 0) + 1);
    const seen = new Map<string, LintInput>();
    const out = [];
    for (let i = 0; i < cards.length; i++) {
      const c = cards[i] as LintInput;
      const r = routeOf[i];
      if (r === undefined || (routes.get(r) ?? 0) < 2) continue;
      const sig = signature(c);
      if (!sig) continue;
      const first = seen.get(sig);
      if (!first) {
        seen.set(sig, c);
        continue;
      }
      const line = c.card?.request?.line ?? 1;
      out.push({
        ruleId: 'duplicate-card',
        severity: 'warning' as const,
        file: c.file,
        line,
        column: 1,
        message: `this card sends the same request with the same expectation as ${first.file}`,
        hint: `Delete one of ${first.file} and ${c.file}, or make them test different scenarios.`,
      });
    }
    return out;
  },
};
