import type { CardPlan, LeanPlan, NotRunPlan, PlanBase, RunnablePlan } from '../core/plan.js';
import { notRun } from '../core/plan.js';
import { computeFacts } from './plan-facts.js';

/**
 * Lean plans: a large run keeps, for each card, what the stages before execute read (its plan's header and facts)
 * and lets the parsed card go; the card is read and planned again when it runs. Parsed cards held for a whole run
 * were most of a 10,000-card run's memory (bench/workload.mjs).
 */

/** A copy whose strings no longer share the card's text: a title sliced from it would keep all of it alive. */
export function detached<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The parts of a plan that say what the card is and how it is linked to others, detached from the card. */
function header(plan: CardPlan): PlanBase {
  const base = detached({
    file: plan.file,
    line: plan.line,
    endpoint: plan.endpoint,
    title: plan.title,
    id: plan.id,
    diagnostics: plan.diagnostics,
    api: plan.api,
    auth: plan.auth,
    needs: plan.needs,
    needed: plan.needed,
  });
  // Without a prototype, as planCard makes it: a card named __proto__ is a key like any other.
  return plan.needsAt ? { ...base, needsAt: Object.assign(Object.create(null), detached(plan.needsAt)) } : base;
}

/** The card as planned again for its run: another plan than the first, or none, means the file changed. */
export type PlanAgain = LeanPlan['lean']['again'];

/** A plan that keeps no part of its card; a runnable one plans its card again (`again`) when it runs. */
export function leanPlan(plan: CardPlan, isSecret: (key: string) => boolean, again: PlanAgain): CardPlan {
  if (plan.lean) return plan;
  const facts = detached(computeFacts(plan, isSecret));
  const base = header(plan);
  if (plan.action !== 'run') return { ...base, action: plan.action, reason: detached(plan.reason), facts };
  return { ...base, action: 'run', facts, lean: { again } };
}

function changed(lean: LeanPlan): NotRunPlan {
  const { facts: _facts, ...plan } = notRun(
    lean,
    'error',
    `${lean.file} changed on disk while the run was going (cardcheck reads each card again when it runs a large suite); run it again`,
  );
  return plan;
}

/**
 * The full plan of a lean card for its run: planned again from its file, with the links to other cards (needs,
 * needed) and the diagnostics of the first planning, which saw every card.
 */
export async function materialize(lean: LeanPlan): Promise<RunnablePlan | NotRunPlan> {
  const plan = await lean.lean.again();
  if (plan?.action !== 'run' || plan.id !== lean.id) return changed(lean);
  // The header is the lean plan's: its strings do not keep this reading's text alive in the card's result.
  return {
    ...plan,
    file: lean.file,
    line: lean.line,
    endpoint: lean.endpoint,
    title: lean.title,
    id: lean.id,
    api: lean.api,
    auth: lean.auth,
    diagnostics: lean.diagnostics,
    needs: lean.needs,
    needsAt: lean.needsAt,
    needed: lean.needed,
    facts: lean.facts,
  };
}
