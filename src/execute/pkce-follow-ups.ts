import type { CreateStep } from '../core/plan.js';
import type { HttpRequest } from '../http/client.js';
import type { CodeStep } from '../standards/code-step.js';
import { codeStep } from '../standards/code-step.js';
import type { Outcome } from '../standards/exchange.js';
import { requestField } from '../standards/exchange.js';
import type { PkceRule } from '../standards/pkce-follow-ups.js';
import {
  challengeMethod,
  judgePlainRefused,
  judgeVerifierRequired,
  judgeWrongVerifier,
  PKCE_RULES,
  withFields,
} from '../standards/pkce-follow-ups.js';
import { readPath } from '../util/json-path.js';
import type { Attempt } from './attempt.js';
import { buildRequest } from './build-request.js';
import { newPkce } from './pkce.js';
import type { BuiltSender } from './sender.js';
import { is2xx } from './sender.js';

/** A follow-up's verdict, or why it could not be sent (a note in the card's result, never a pass). */
export type FollowUpVerdict = { rule: string; outcome: Outcome } | { rule: string; notRun: string };

/** The UID step of the card whose value the exchange sent as `code`. */
export function codeSource(attempt: Attempt, code: string): CodeStep {
  const name = [...attempt.fields].find(([, v]) => v === code)?.[0];
  return codeStep(attempt.plan.fixtures, name);
}

/** The card's authorization request (its UID create step), built as the card would send it, then varied. */
async function authorizeRequest(attempt: Attempt, step: CreateStep): Promise<HttpRequest> {
  const { plan, ctx } = attempt;
  return buildRequest(step.request, attempt.scope, ctx.services, { auth: plan.auth, api: plan.api });
}

/** Sends the card's authorization request again (varied) and reads the code from the answer as the step does. */
async function freshCode(
  attempt: Attempt,
  send: BuiltSender,
  src: { step: CreateStep; extractFrom: string },
  rule: PkceRule,
  vary: (r: HttpRequest) => HttpRequest = (r) => r,
) {
  const res = await send(`follow-up ${rule}: fresh code`, vary(await authorizeRequest(attempt, src.step)));
  const expected = src.step.expectStatus?.length ? src.step.expectStatus : undefined;
  const ok = expected ? expected.includes(res.status) : is2xx(res.status);
  const value = ok ? readPath(res.json, src.extractFrom) : undefined;
  const code = typeof value === 'string' && value !== '' ? value : undefined;
  // A code is a credential until it is used.
  if (code) attempt.ctx.services.redactor.add(code);
  return { res, ok, code, value };
}

/**
 * The PKCE follow-ups of a successful code exchange that sent a `code_verifier`: each gets a fresh code from the
 * card's own UID create step (re-sent, its `code_challenge` varied for plain) and exchanges it as the card did, with
 * a wrong verifier or none. When no fresh code can be had, each says why instead of passing.
 */
export async function pkceFollowUps(
  attempt: Attempt,
  sent: HttpRequest,
  send: BuiltSender,
  skip: ReadonlySet<string>,
): Promise<FollowUpVerdict[]> {
  const rules = PKCE_RULES.filter((r) => !skip.has(r));
  if (rules.length === 0) return [];
  const src = codeSource(attempt, requestField(sent, 'code') ?? '');
  if ('notRun' in src) return rules.map((rule) => ({ rule, notRun: src.notRun }));
  const method = challengeMethod(await authorizeRequest(attempt, src.step));
  const out: FollowUpVerdict[] = [];
  for (const rule of rules) {
    if (rule === 'followup-pkce-plain-refused') {
      if (method !== 'S256') {
        out.push({ rule, notRun: `the card's authorization request uses ${method ?? 'no PKCE'}, not S256` });
        continue;
      }
      const plain = newPkce().verifier;
      const asked = await freshCode(attempt, send, src, rule, (r) =>
        withFields(r, { code_challenge: plain, code_challenge_method: 'plain' }),
      );
      out.push({ rule, outcome: judgePlainRefused(asked.res, asked.value) });
      continue;
    }
    if (!method) {
      out.push({ rule, notRun: "the card's authorization request sends no code_challenge" });
      continue;
    }
    const fresh = await freshCode(attempt, send, src, rule);
    if (!fresh.code) {
      out.push({
        rule,
        notRun: `no fresh code: ${src.step.request.method} ${src.step.request.path} answered ${fresh.res.status}${fresh.ok ? ` without "${src.extractFrom}"` : ''}`,
      });
      continue;
    }
    const wrong = rule === 'followup-pkce-wrong-verifier';
    const verifier = wrong ? newPkce().verifier : undefined;
    const again = await send(`follow-up ${rule}`, withFields(sent, { code: fresh.code, code_verifier: verifier }));
    out.push({ rule, outcome: wrong ? judgeWrongVerifier(again) : judgeVerifierRequired(again) });
  }
  return out;
}
