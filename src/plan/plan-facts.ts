export type { PlanFacts } from '../core/plan.js';

import type { CardPlan, FixtureStep, PlanFacts } from '../core/plan.js';
import { credentialPlaceholders } from './credential-flows.js';
import { firstMutation, methodOverride, plannedRequests } from './request-methods.js';

const documented = (plan: CardPlan): number[] => {
  const c = plan.card;
  return [...new Set([...(c?.expect?.status ?? []), ...(c?.examples.map((e) => e.status) ?? [])])].sort(
    (a, b) => a - b,
  );
};

/**
 * The facts of a plan made from its card (a lean plan carries them instead of the card); with `isSecret`, the
 * credential expressions too (they depend on the config's secret keys).
 */
export function computeFacts(plan: CardPlan, isSecret?: (key: string) => boolean): PlanFacts {
  if (plan.lean) return plan.facts;
  const fm = plan.card?.frontMatter;
  const base = { tags: fm?.tags ?? [], domain: fm?.domain ?? '', documentedStatuses: documented(plan) };
  if (plan.action !== 'run') return { ...base, sharedKeys: [], ...(isSecret ? { credentialExprs: [] } : {}) };
  const sharedKeys = plan.fixtures.flatMap((f) =>
    f.kind === 'create' && f.sharedKey !== undefined ? [f.sharedKey] : [],
  );
  const request = firstMutation(plan);
  const override = request && methodOverride(request);
  const flow = plan.fixtures.find((s): s is Extract<FixtureStep, { kind: 'browser' }> => s.kind === 'browser');
  return {
    ...base,
    sharedKeys,
    ...(request
      ? {
          mutation: {
            sends: `${request.method} ${request.path}${override ? ` with ${override.by}` : ''}`,
            line: request.line,
          },
        }
      : {}),
    ...(flow ? { browserLine: flow.browser.line } : {}),
    ...(isSecret
      ? { credentialExprs: plannedRequests(plan).flatMap((spec) => credentialPlaceholders(spec, isSecret)) }
      : {}),
  };
}

const computed = new WeakMap<CardPlan, PlanFacts>();

/** A plan's facts: carried by a lean plan, else computed from its card once. */
export function factsOf(plan: CardPlan): PlanFacts {
  if (plan.facts) return plan.facts;
  let facts = computed.get(plan);
  if (!facts) {
    facts = computeFacts(plan);
    computed.set(plan, facts);
  }
  return facts;
}
