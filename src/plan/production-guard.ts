import type { CardPlan, RunPlan } from '../core/plan.js';
import { notRun } from '../core/plan.js';
import { factsOf } from './plan-facts.js';

const ALLOW = 'pass --allow-mutations to run it';

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

/** Why a card is held back on its own account, if it is. */
function ownReason(p: CardPlan, target: string): string | undefined {
  const { mutation, browserLine } = factsOf(p);
  if (mutation) return `held back: ${target} and this card sends ${mutation.sends} (line ${mutation.line}); ${ALLOW}`;
  if (browserLine !== undefined)
    return `held back: ${target} and this card runs a browser flow (line ${browserLine}), whose forms may send POST requests; ${ALLOW}`;
  return undefined;
}

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
    const target = `production target "${options.targetName}"`;
    const own = ownReason(p, target);
    const needed = p.needs.map((id) => held.get(id)).find((x) => x !== undefined);
    if (!own && !needed) return p;
    const reason =
      own ??
      `held back: ${target} and this card needs card "${needed?.id ?? ''}" (${needed?.file ?? ''}), which is held back; ${ALLOW}`;
    const skipped = notRun(p, 'skip', reason);
    held.set(p.id, skipped);
    heldBack.push({ file: p.file, id: p.id, reason });
    return skipped;
  });
  return { plan: { ...plan, cards }, heldBack };
}
