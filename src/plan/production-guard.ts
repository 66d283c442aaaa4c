import type { RequestSpec } from '../core/card.js';
import type { CardPlan, FixtureStep, RunnablePlan, RunPlan } from '../core/plan.js';
import { notRun } from '../core/plan.js';

/** Methods a production target accepts without `--allow-mutations`. */
export const SAFE_METHODS: readonly string[] = ['GET', 'HEAD'];

export interface ProductionGuardOptions {
  /** Name of the target, for messages. */
  targetName: string;
  /** The target is marked `production: true` in the config. */
  production: boolean;
  /** `--allow-mutations`: run every card anyway. */
  allowMutations: boolean;
}

/** A card the guard turned into a skip. */
export interface HeldBackCard {
  file: string;
  id: string;
  reason: string;
}

export interface ProductionGuardResult {
  plan: RunPlan;
  heldBack: HeldBackCard[];
}

/**
 * Every request a card's plan will send, in the order it sends them: fixture
 * steps (a shared step's lookup comes before its create), the Request
 * Template, the template's cleanup, then the fixtures' cleanups.
 */
export function plannedRequests(plan: RunnablePlan): RequestSpec[] {
  const steps = plan.fixtures.flatMap(stepRequests);
  const template = plan.request;
  const cleanups = plan.fixtures.flatMap((s) => s.cleanups);
  return [...steps, template, template.cleanup, ...cleanups].filter((r): r is RequestSpec => r !== undefined);
}

/** The requests a fixture step sends, in order: a create's lookup comes first. */
function stepRequests(step: FixtureStep): (RequestSpec | undefined)[] {
  if (step.kind === 'create') return [step.lookup, step.request];
  if (step.kind === 'lookup') return [step.request];
  return [];
}

/** The first request that is not GET or HEAD, if any. */
export function firstMutation(plan: RunnablePlan): RequestSpec | undefined {
  return plannedRequests(plan).find((r) => !SAFE_METHODS.includes(r.method.toUpperCase()));
}

const ALLOW = 'pass --allow-mutations to run it';

/**
 * Pure: on a production target, hold back every runnable card that would
 * send anything other than GET or HEAD (UID steps and cleanups included), and
 * every card that needs a held-back card. Held-back cards become skips whose
 * reason names the request and its card line.
 */
export function guardProduction(plan: RunPlan, options: ProductionGuardOptions): ProductionGuardResult {
  if (!options.production || options.allowMutations) return { plan, heldBack: [] };
  const held = new Map<string, CardPlan>();
  const heldBack: HeldBackCard[] = [];
  // Plan order puts a needed card before the cards that use it.
  const cards = plan.cards.map((p): CardPlan => {
    if (p.action !== 'run') return p;
    const request = firstMutation(p);
    const needed = p.needs.map((id) => held.get(id)).find((x) => x !== undefined);
    if (!request && !needed) return p;
    const target = `production target "${options.targetName}"`;
    const reason = request
      ? `held back: ${target} and this card sends ${request.method} ${request.path} (line ${request.line}); ${ALLOW}`
      : `held back: ${target} and this card needs card "${needed?.id ?? ''}" (${needed?.file ?? ''}), which is held back; ${ALLOW}`;
    const skipped = notRun(p, 'skip', reason);
    held.set(p.id, skipped);
    heldBack.push({ file: p.file, id: p.id, reason });
    return skipped;
  });
  return { plan: { ...plan, cards }, heldBack };
}
