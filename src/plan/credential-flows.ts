import { scanPlaceholders } from '../card/placeholders.js';
import type { RequestSpec } from '../core/card.js';
import type { JsonValue } from '../core/json.js';
import type { CardPlan } from '../core/plan.js';
import { GRANT_SECRET } from '../core/secret-places.js';
import { classifyExpr } from './placeholder-expr.js';
import { plannedRequests } from './request-methods.js';

/**
 * Captured values that flow into a credential somewhere in the run: a UID
 * field or a card's response path used in an `Authorization` (or other
 * secret-named) header, a Basic password, or a secret-named body, form or
 * query field. Such a value is a secret from the moment it is captured, so
 * the card that captures it (and whose output is shown first) never shows it.
 */
export interface CredentialFlows {
  /** `<card id> <field>`: a UID field (`{{resolved.x}}` in its card, `{{card.<id>.resolved.x}}` in another). */
  fields: Set<string>;
  /** Card id → paths of its response that another card reads into a credential. */
  responses: Map<string, Set<string>>;
}

export const flowKey = (cardId: string, field: string) => `${cardId} ${field}`;

/** The placeholders written in `value` under a secret-named key (at any depth). */
function inSecretFields(value: JsonValue | undefined, isSecret: (key: string) => boolean, under = false): string[] {
  if (typeof value === 'string') return under ? scanPlaceholders(value).map((m) => m.expr) : [];
  if (Array.isArray(value)) return value.flatMap((v) => inSecretFields(v, isSecret, under));
  if (value && typeof value === 'object') {
    const grant = 'grant_type' in value;
    return Object.entries(value).flatMap(([k, v]) =>
      inSecretFields(v, isSecret, under || isSecret(k) || (grant && GRANT_SECRET.test(k))),
    );
  }
  return [];
}

/** The placeholder expressions a request puts into a credential. */
export function credentialPlaceholders(spec: RequestSpec, isSecret: (key: string) => boolean): string[] {
  const exprs = [
    ...inSecretFields(spec.headers as JsonValue, isSecret),
    ...inSecretFields(spec.query as JsonValue, isSecret),
    ...inSecretFields(spec.form as JsonValue | undefined, isSecret),
    ...inSecretFields(spec.body, isSecret),
  ];
  if (spec.basic) exprs.push(...scanPlaceholders(spec.basic.password).map((m) => m.expr));
  return exprs;
}

/** Which captured values of the run flow into credentials, from the placeholders of every card's requests. */
export function credentialFlows(plans: readonly CardPlan[], isSecret: (key: string) => boolean): CredentialFlows {
  const flows: CredentialFlows = { fields: new Set(), responses: new Map() };
  for (const plan of plans) {
    if (plan.action !== 'run') continue;
    const exprs = plan.lean
      ? (plan.facts.credentialExprs ?? [])
      : plannedRequests(plan).flatMap((spec) => credentialPlaceholders(spec, isSecret));
    for (const expr of exprs) {
      const ref = classifyExpr(expr);
      if (ref.ns === 'field') flows.fields.add(flowKey(plan.id, ref.name));
      // A bare <<NAME>> of a terse card is a saved value of the card.
      else if (ref.ns === 'unknown' && /^[\w-]+$/.test(expr)) flows.fields.add(flowKey(plan.id, expr));
      else if (ref.ns === 'card') {
        const [kind, ...rest] = ref.path.split('.');
        if (kind === 'resolved') flows.fields.add(flowKey(ref.id, rest.join('.')));
        else {
          const paths = flows.responses.get(ref.id) ?? new Set<string>();
          flows.responses.set(ref.id, paths.add(rest.join('.')));
        }
      }
    }
  }
  return flows;
}
