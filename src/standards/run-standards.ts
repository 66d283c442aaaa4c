import type { EndpointKind, StandardsLevel, SwitchedOff } from '../core/endpoint-kind.js';
import type { RequestShape } from '../core/request.js';
import type { ObservedResponse } from '../core/response.js';
import type { CheckResult } from '../core/result.js';
import { authorizationOutcomes } from './authorization.js';
import type { Detection } from './detect.js';
import { discoveryOutcomes } from './discovery.js';
import type { Exchange, Outcome } from './exchange.js';
import { introspectionOutcomes } from './introspection.js';
import { protectedResourceOutcomes } from './protected-resource.js';
import { registrationOutcomes } from './registration.js';
import { revocationOutcomes } from './revocation.js';
import type { StandardRule } from './rules.js';
import { ruleById, rulesOf } from './rules.js';
import { tokenOutcomes } from './token.js';

const PACKS: Record<EndpointKind, (ex: Exchange) => Outcome[]> = {
  token: tokenOutcomes,
  authorization: authorizationOutcomes,
  revocation: revocationOutcomes,
  introspection: introspectionOutcomes,
  registration: registrationOutcomes,
  discovery: discoveryOutcomes,
  'protected-resource': protectedResourceOutcomes,
};

/** What the packs need to know of a card's run. */
export interface StandardsInput {
  detection: Detection;
  level: StandardsLevel;
  off: readonly SwitchedOff[];
  request: RequestShape;
  url: string;
  response: ObservedResponse;
}

/** A rule's outcome as a check: passed, failed, or a warning for a SHOULD and at level `warn`. */
export function checkOf(rule: StandardRule, o: Outcome, level: StandardsLevel): CheckResult {
  const base = { kind: 'standard' as const, rule: rule.id, clause: rule.clause, path: rule.id };
  if (o.ok) return { ...base, passed: true, expected: rule.requirement, actual: o.found, message: rule.requirement };
  const warning = level === 'warn' || rule.strength === 'should';
  return {
    ...base,
    passed: false,
    ...(warning ? { warning: true } : {}),
    expected: rule.requirement,
    actual: o.found,
    message: `${rule.requirement} Fix: ${rule.fix}`,
  };
}

/** A follow-up that could not be sent: a note with the reason, shown like a switched-off rule, not counted as run. */
export function notRunCheck(rule: StandardRule, reason: string): CheckResult {
  return {
    kind: 'standard',
    rule: rule.id,
    clause: rule.clause,
    path: rule.id,
    passed: true,
    off: reason,
    notRun: true,
    expected: rule.requirement,
    actual: 'not run',
    message: `follow-up not run: ${reason}`,
  };
}

/**
 * The standards checks of one response: a check per rule of the detected pack that applies to it (passed, failed,
 * or a warning for a SHOULD and at level `warn`), and one per rule the card switched off, passed and carrying the
 * card's reason. Nothing at level `off`.
 */
export function standardsChecks(input: StandardsInput): CheckResult[] {
  if (input.level === 'off') return [];
  const { kind } = input.detection;
  const offIds = new Map(input.off.map((o) => [o.rule, o]));
  const checks: CheckResult[] = [];
  for (const o of PACKS[kind]({ request: input.request, url: input.url, response: input.response })) {
    const rule = ruleById(o.rule);
    if (!rule || offIds.has(rule.id)) continue;
    checks.push(checkOf(rule, o, input.level));
  }
  for (const rule of rulesOf(kind)) {
    const off = offIds.get(rule.id);
    if (!off) continue;
    checks.push({
      kind: 'standard',
      rule: rule.id,
      clause: rule.clause,
      path: rule.id,
      passed: true,
      off: off.reason,
      expected: rule.requirement,
      actual: 'not checked',
      message: `switched off by the card: ${off.reason}`,
      line: off.line,
      column: 1,
    });
  }
  return checks;
}
