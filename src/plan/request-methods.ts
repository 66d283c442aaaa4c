import type { RequestSpec } from '../core/card.js';
import type { FixtureStep, RunnablePlan } from '../core/plan.js';

/** Methods a production target accepts without `--allow-mutations`. */
export const SAFE_METHODS: readonly string[] = ['GET', 'HEAD'];

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
