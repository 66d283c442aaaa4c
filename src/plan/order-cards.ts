import type { Diagnostic } from '../core/diagnostic.js';
import type { CardPlan } from '../core/plan.js';
import { notRun } from '../core/plan.js';

/** Why a card became an error while ordering: the reason and the diagnostic it adds. */
interface Failure {
  reason: string;
  diagnostic: Diagnostic;
}

/** The failure of `p`'s need of card `id`, located at the placeholder that uses it (else at the card's title). */
function failure(p: CardPlan, id: string, ruleId: string, message: string): Failure {
  const at = p.needsAt?.[id] ?? { line: p.line, column: 1 };
  return {
    reason: `${p.file}:${at.line}:${at.column} ${message}`,
    diagnostic: {
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
  };
}

/**
 * Order cards so each runs after the cards it needs, keeping file order
 * otherwise. A card in a needs-cycle, or needing a card that cannot run,
 * becomes an error naming the chain.
 */
export function orderByNeeds(plans: CardPlan[]): CardPlan[] {
  // Nothing to order when no card needs another: a large suite of independent cards is not indexed for it.
  if (plans.every((p) => p.needs.length === 0)) return [...plans];
  const byId = new Map(plans.map((p) => [p.id, p]));
  const ordered: CardPlan[] = [];
  const state = new Map<CardPlan, 'visiting' | 'done'>();
  // Cards that become errors here; their error plans are made at the end, once every `needed` is known.
  const failed = new Map<CardPlan, Failure>();
  const actionOf = (p: CardPlan) => (failed.has(p) ? 'error' : p.action);
  const visit = (p: CardPlan, path: CardPlan[]): void => {
    if (state.get(p) === 'done') return;
    if (state.get(p) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(p)), p];
      const message = `cards need each other in a cycle: ${cycle.map((x) => x.id).join(' → ')}`;
      cycle.slice(0, -1).forEach((c, i) => {
        if (actionOf(c) !== 'error') failed.set(c, failure(c, (cycle[i + 1] as CardPlan).id, 'chain-cycle', message));
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
    if (actionOf(p) === 'run') {
      const broken = p.needs.map((id) => byId.get(id)).find((n) => n && actionOf(n) !== 'run');
      if (broken) {
        const reason = failed.get(broken)?.reason ?? broken.reason ?? '';
        const message = `needs card "${broken.id}", which will not run (${actionOf(broken) === 'skip' ? 'skipped' : 'errored'}: ${reason.slice(0, 120)})`;
        failed.set(p, failure(p, broken.id, 'needs-unavailable', message));
      }
    }
    ordered.push(p);
  };
  for (const p of plans) visit(p, []);
  return ordered.map((p) => {
    const f = failed.get(p);
    return f ? notRun(p, 'error', f.reason, [...p.diagnostics, f.diagnostic]) : p;
  });
}
