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
  const fail = (p: CardPlan, ruleId: string, message: string) => {
    p.action = 'error';
    p.reason = `${p.file}:${p.line}:1 ${message}`;
    p.diagnostics = [...p.diagnostics, { ruleId, severity: 'error', file: p.file, line: p.line, column: 1, message, hint: ruleId === 'chain-cycle' ? 'Cards may not need each other in a circle; move the shared value into one card.' : 'Fix the card it needs first.' }];
  };
  const visit = (p: CardPlan, path: CardPlan[]): void => {
    if (state.get(p) === 'done') return;
    if (state.get(p) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(p)), p];
      for (const c of cycle.slice(0, -1)) if (c.action !== 'error') fail(c, 'chain-cycle', `cards need each other in a cycle: ${cycle.map((x) => x.id).join(' → ')}`);
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
      if (broken) fail(p, 'needs-unavailable', `needs card "${broken.id}", which will not run (${broken.action === 'skip' ? 'skipped' : 'errored'}: ${broken.reason.slice(0, 120)})`);
    }
    ordered.push(p);
  };
  for (const p of plans) visit(p, []);
  return ordered;
}
