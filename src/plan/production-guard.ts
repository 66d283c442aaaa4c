import type { RequestSpec } from '../core/card.js';
import type { CardPlan, FixtureStep, RunnablePlan, RunPlan } from '../core/plan.js';
import { notRun } from '../core/plan.js';

const ALLOW = 'pass --allow-mutations to run it';

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

/** Headers that make many frameworks treat a request as another method. */
export const METHOD_OVERRIDE_HEADERS: readonly string[] = [
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
];

/** A method a request names besides its own: an override header, or `_method` in its query, path or form. */
export function methodOverride(r: RequestSpec): { method: string; by: string } | undefined {
  for (const [name, value] of Object.entries(r.headers ?? {}))
    if (METHOD_OVERRIDE_HEADERS.includes(name.toLowerCase()))
      return { method: value.toUpperCase(), by: `${name}: ${value}` };
  const pathQuery = new URLSearchParams(r.path.split('?')[1] ?? '').get('_method');
  const fromQuery = r.query?._method ?? pathQuery ?? undefined;
  if (fromQuery !== undefined) return { method: fromQuery.toUpperCase(), by: `_method=${fromQuery} in its query` };
  const fromForm = r.form?._method;
  if (fromForm !== undefined) return { method: fromForm.toUpperCase(), by: `_method=${fromForm} in its form` };
  return undefined;
}

/** The method a request counts as: an override wins (a placeholder in it counts as a mutation). */
export function effectiveMethod(r: RequestSpec): string {
  return methodOverride(r)?.method ?? r.method.toUpperCase();
}

/** The first request that is not GET or HEAD, counting method overrides, if any. */
export function firstMutation(plan: RunnablePlan): RequestSpec | undefined {
  return plannedRequests(plan).find((r) => !SAFE_METHODS.includes(effectiveMethod(r)));
}

/** The first browser flow of the plan: a page's forms may POST whatever the flow clicks. */
const firstBrowserFlow = (plan: RunnablePlan) =>
  plan.fixtures.find((s): s is Extract<FixtureStep, { kind: 'browser' }> => s.kind === 'browser');

/** Why a card is held back on its own account, if it is. */
function ownReason(p: RunnablePlan, target: string): string | undefined {
  const request = firstMutation(p);
  if (request) {
    const override = methodOverride(request);
    const sends = `${request.method} ${request.path}${override ? ` with ${override.by}` : ''}`;
    return `held back: ${target} and this card sends ${sends} (line ${request.line}); ${ALLOW}`;
  }
  const flow = firstBrowserFlow(p);
  if (flow)
    return `held back: ${target} and this card runs a browser flow (line ${flow.browser.line}), whose forms may send POST requests; ${ALLOW}`;
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
