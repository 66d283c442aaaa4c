import type { Card, StepRequest } from '../core/card.js';
import type { FixtureStep } from '../core/plan.js';

function stepKey(kind: string, step: StepRequest): string {
  return `${kind} ${step.endpoint.method} ${step.endpoint.path} ${JSON.stringify(step.body ?? null)}`;
}

/**
 * Group the card's resolvable UID fields into requests: fields that come from
 * the same create call (seed 001's client_id and client_secret) share ONE call.
 */
export function planFixtures(card: Card): FixtureStep[] {
  const steps = new Map<string, FixtureStep>();
  for (const field of card.uidFields) {
    const src = field.source;
    if (src.kind === 'external') continue;
    const request = src.kind === 'create' ? src.create : src.lookup;
    const key = stepKey(src.kind, request);
    let step = steps.get(key);
    if (!step) {
      step = { kind: src.kind, request, fields: [], cleanups: [] };
      steps.set(key, step);
    }
    step.fields.push({ name: field.name, extractFrom: src.extractFrom });
    if (field.cleanup) {
      const c = field.cleanup;
      if (!step.cleanups.some((x) => x.endpoint.method === c.endpoint.method && x.endpoint.path === c.endpoint.path)) step.cleanups.push(c);
    } else if (field.cleanupNote && !step.cleanupNote) {
      step.cleanupNote = field.cleanupNote;
    }
  }
  return [...steps.values()];
}
