import type { RunnablePlan } from '../core/plan.js';
import type { StandardsSettings } from './card-standards.js';
import { cardStandards } from './card-standards.js';
import { codeStep } from './code-step.js';
import { requestField } from './exchange.js';
import { challengeMethod, PKCE_RULES } from './pkce-follow-ups.js';

/** One follow-up a card's run may send: when it would, or why it would not. */
export interface PlannedFollowUp {
  rule: string;
  /** What the follow-up waits for (the card's answer, its cleanup). */
  when?: string;
  /** Why it would not be sent. */
  notSent?: string;
}

/** What `--dry-run` says of a card's follow-ups: none (and why), or each rule. Undefined when no pack applies. */
export type PlannedFollowUps = { none: string } | { rules: PlannedFollowUp[] };

/** `{{resolved.<name>}}` written as the whole value: the UID field it comes from. */
const uidField = (value: string | undefined) => value?.match(/^\{\{\s*resolved\.([\w-]+)\s*\}\}$/)?.[1];

function forToken(plan: RunnablePlan): PlannedFollowUp[] {
  const req = plan.request;
  if (requestField(req, 'grant_type') !== 'authorization_code') return [];
  const out: PlannedFollowUp[] = [
    {
      rule: 'followup-code-single-use',
      // A replayed code may revoke the tokens that cards using this one's answer hold: it waits for them.
      when: plan.needed ? 'after a 2xx, once every card and the last cleanups are done' : 'after a 2xx',
    },
  ];
  if (requestField(req, 'code_verifier') === undefined)
    return [...out, ...PKCE_RULES.map((rule) => ({ rule, notSent: 'the exchange sends no code_verifier' }))];
  const src = codeStep(plan.fixtures, uidField(requestField(req, 'code')));
  if ('notRun' in src) return [...out, ...PKCE_RULES.map((rule) => ({ rule, notSent: src.notRun }))];
  const from = `after a 2xx, with a fresh code from ${src.step.request.method} ${src.step.request.path}`;
  const method = challengeMethod(src.step.request);
  for (const rule of PKCE_RULES)
    out.push(
      rule === 'followup-pkce-plain-refused' && method !== 'S256'
        ? { rule, notSent: `the card's authorization request uses ${method ?? 'no PKCE'}, not S256` }
        : {
            rule,
            when:
              rule === 'followup-pkce-plain-refused'
                ? `after a 2xx, ${src.step.request.method} ${src.step.request.path} sent again with code_challenge_method=plain`
                : from,
          },
    );
  return out;
}

function forRevocation(plan: RunnablePlan): PlannedFollowUp[] {
  const token = uidField(requestField(plan.request, 'token'));
  const dead =
    token !== undefined && plan.fixtures.some((s) => s.fields.some((f) => f.name === token))
      ? { when: "after a 2xx, at the endpoint the API's metadata advertises" }
      : { notSent: 'the revoked token is not one a UID step of the card obtains' };
  return [
    { rule: 'followup-revoke-unknown-token', when: 'after a 2xx' },
    { rule: 'followup-revoked-token-dead', ...dead },
  ];
}

function forRegistration(plan: RunnablePlan): PlannedFollowUp[] {
  const rule = 'followup-registration-deleted';
  if (plan.request.method.toUpperCase() !== 'POST') return [];
  if (!plan.request.cleanup) return [{ rule, notSent: 'the card has no cleanup that deletes the client' }];
  // Another card needs it: its cleanup, and this check, wait for the end of the run.
  if (plan.needed) return [{ rule, when: "after the run's last cleanups deleted the client" }];
  return [{ rule, when: 'after the cleanup deleted the client' }];
}

/** The follow-up checks a card's run would send, as far as the card tells before anything is sent. */
export function plannedFollowUps(plan: RunnablePlan, settings: StandardsSettings): PlannedFollowUps | undefined {
  const s = cardStandards(plan.card.frontMatter, plan.api, plan.request, settings);
  if (!s.detection) return undefined;
  if (s.level === 'off') return { none: `standards are off (${s.levelFrom})` };
  if (!settings.followUps)
    return { none: 'the target does not allow mutations (production: true; --allow-mutations sends them)' };
  const kind = s.detection.kind;
  const rules =
    kind === 'token'
      ? forToken(plan)
      : kind === 'revocation'
        ? forRevocation(plan)
        : kind === 'registration'
          ? forRegistration(plan)
          : kind === 'introspection'
            ? [{ rule: 'followup-introspection-auth', when: 'after a 200 to an authenticated request' }]
            : [];
  if (rules.length === 0) return { none: `no follow-up for the ${kind} pack's request` };
  const off = new Set(s.off.map((o) => o.rule));
  return { rules: rules.map((r) => (off.has(r.rule) ? { rule: r.rule, notSent: 'switched off by the card' } : r)) };
}
