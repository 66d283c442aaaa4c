import type { CardPlan } from '../core/plan.js';

/**
 * Order cards so each runs after the cards it needs, keeping file order
 * otherwise. A card in a needs-cycle, or needing a card that cannot run,
 * becomes an error naming the chain.
 */
export function orderByNeeds(plans: CardPlan[]): CardPlan[] {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const ordered: CardPlan[] = [];
  const state = new Map<CardPlan, 'visiting' | 'done'>();
  /** Mark `p` as an error about its need of card `id`, located at the placeholder that uses it (else at the card's title). */
  const fail = (p: CardPlan, id: string, ruleId: string, message: string) => {
    const at = p.needsAt?.[id] ?? { line: p.line, column: 1 };
    p.action = 'error';
    p.reason = `${p.file}:${at.line}:${at.column} ${message}`;
    p.diagnostics = [
      ...p.diagnostics,
      {
        ruleId,
        severity: 'error',
        file: p.file,
        line: at.line,
        column: at.column,
        message,
        hint:
          ruleId === 'chain-cycle'
            ? 'Cards may not need each other in a circle; move the shared value into one card.'
            : 'Fix the card it needs first.',
      },
    ];
  };
  const visit = (p: CardPlan, path: CardPlan[]): void => {
    if (state.get(p) === 'done') return;
    if (state.get(p) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(p)), p];
      cycle.slice(0, -1).forEach((c, i) => {
        if (c.action !== 'error')
          fail(
            c,
            (cycle[i + 1] as CardPlan).id,
            'chain-cycle',
            `cards need each other in a cycle: ${cycle.map((x) => x.id).join(' → ')}`,
          );
      });
      return;
    }
    state.set(p, 'visiting');
    for (const id of p.needs) {
      const needed = byId.get(id);
      if (!needed) continue;
      needed.needed = true;
      visit(needed, [...path, p]);
    }
    state.set(p, 'done');
    if (p.action === 'run') {
      const broken = p.needs.map((id) => byId.get(id)).find((n) => n && n.action !== 'run');
      if (broken)
        fail(
          p,
          broken.id,
          'needs-unavailable',
          `needs card "${broken.id}", which will not run (${broken.action === 'skip' ? 'skipped' : 'errored'}: ${broken.reason.slice(0, 120)})`,
        );
    }
    ordered.push(p);
  };
  for (const p of plans) visit(p, []);
  return ordered;
}
