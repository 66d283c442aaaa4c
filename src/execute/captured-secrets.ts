import { flowKey } from '../plan/credential-flows.js';
import { readPath } from '../util/json-path.js';
import type { Attempt } from './attempt.js';

/**
 * A value a card captured (a UID field, a saved setup value) is a secret from
 * that moment when its name or the path it was read from says so, or when the
 * run puts it into a credential later (the plan knows): it is tracked before
 * anything that shows it is written.
 */
export function trackCapturedField(attempt: Attempt, field: { name: string; extractFrom: string }, value: unknown) {
  const { redactor } = attempt.ctx.services;
  const leaf = field.extractFrom.split('.').pop() ?? '';
  const flows = attempt.ctx.state.credentialFlows;
  if (
    redactor.isSecretKey(field.name) ||
    redactor.isSecretKey(field.extractFrom) ||
    redactor.isSecretKey(leaf) ||
    flows?.fields.has(flowKey(attempt.plan.id, field.name))
  )
    redactor.addFromJson(value, true);
}

/** The paths of a card's response that a later card puts into a credential are secrets once the response is in. */
export function trackResponseFlows(attempt: Attempt, response: unknown): void {
  const paths = attempt.ctx.state.credentialFlows?.responses.get(attempt.plan.id);
  for (const p of paths ?? []) attempt.ctx.services.redactor.addFromJson(readPath(response, p), true);
}
