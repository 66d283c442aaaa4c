import type { RequestSpec } from '../core/card.js';
import type { AuthProfile } from '../core/config.js';
import type { CardPlan, RunnablePlan } from '../core/plan.js';
import type { Redactor } from '../core/redact.js';
import { createCardFaker } from '../execute/card-seed.js';
import { joinUrl } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { renderJson, renderPath, renderRecord, renderString } from '../plan/render.js';
import type { StandardsSettings } from '../standards/card-standards.js';
import type { PlannedFollowUps } from '../standards/planned-follow-ups.js';
import { plannedFollowUps } from '../standards/planned-follow-ups.js';

export interface DryRunContext {
  profiles: Record<string, AuthProfile>;
  baseUrlFor: (api: string | undefined) => string;
  env: Readonly<Record<string, string | undefined>>;
  seed: number;
  redactor: Redactor;
  now: number;
  /** The run's standards settings: which follow-up checks each card would send (src/standards/planned-follow-ups.ts). */
  standards?: StandardsSettings;
}

/** One thing a card would do, in order, every value redacted. */
export type DryRunStep =
  | {
      kind: 'request';
      /** `create service_id`, `request`, `cleanup`… */
      label: string;
      method: string;
      /** Absolute and decoded; or why there is no base URL, followed by the path. */
      url: string;
      /** Lower-case names; credentials an auth profile or Basic adds are shown as `[redacted]`. */
      headers: { name: string; value: string; profile?: string }[];
      form?: string;
      body?: string;
    }
  | { kind: 'browser'; fields: string; open: string; actions: string[]; until: string };

/** What a card would do with --dry-run: its steps, or why it would not run. */
export interface DryRunCard {
  file: string;
  endpoint: string;
  action: CardPlan['action'];
  /** For a card that would be skipped or would error. */
  reason?: string;
  steps: DryRunStep[];
  /** The standards follow-ups its run would send, or why none; absent when no standards pack applies. */
  followUps?: PlannedFollowUps;
}

/** Which headers a profile would add; values are never shown. */
function authHeaderNames(profile: AuthProfile | undefined): string[] {
  if (!profile) return [];
  if (profile.type === 'headers') return Object.keys(profile.headers).map((h) => h.toLowerCase());
  return ['authorization'];
}

function describeRequest(
  label: string,
  spec: RequestSpec,
  scope: RenderScope,
  plan: CardPlan,
  ctx: DryRunContext,
): DryRunStep {
  const profile = spec.auth ?? plan.auth;
  let url: string;
  try {
    url = joinUrl(ctx.baseUrlFor(plan.api), renderPath(spec.path, scope), renderRecord(spec.query, scope)).toString();
    url = decodeURI(url);
  } catch (err) {
    url = `(no base URL: ${err instanceof Error ? err.message : String(err)}) ${spec.path}`;
  }
  const headers: { name: string; value: string; profile?: string }[] = [];
  for (const name of authHeaderNames(profile && profile !== 'none' ? ctx.profiles[profile] : undefined))
    headers.push({ name, value: '[redacted]', profile });
  if (spec.basic) headers.push({ name: 'authorization', value: 'Basic [redacted]' });
  const rendered = renderRecord(spec.headers, scope);
  for (const [k, v] of Object.entries(rendered)) headers.push({ name: k.toLowerCase(), value: v });
  const form = spec.form && renderRecord(spec.form, scope);
  const body = spec.body === undefined ? undefined : renderJson(spec.body, scope);
  // The credentials written in the card are secrets, as a real run would send them (redacted with the rest).
  ctx.redactor.addFromHeaders(rendered);
  ctx.redactor.addFromUrl(url);
  if (form) ctx.redactor.addFromForm(form);
  ctx.redactor.addFromJson(body);
  return {
    kind: 'request',
    label,
    method: spec.method,
    url,
    headers,
    form: form && new URLSearchParams(form).toString(),
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** The steps of a runnable card: fixtures, the request, then its cleanups in reverse order. */
function describeSteps(plan: RunnablePlan, ctx: DryRunContext): DryRunStep[] {
  const template = plan.request;
  const scope: RenderScope = {
    timestamp: ctx.now,
    faker: createCardFaker(ctx.seed, plan.id),
    fields: new Map(),
    env: ctx.env,
    lenient: true,
  };
  const steps: DryRunStep[] = [];
  for (const step of plan.fixtures) {
    const names = step.fields.map((f) => f.name).join(', ');
    if (step.kind === 'value') continue;
    if (step.kind === 'browser') {
      const flow = step.browser;
      steps.push({
        kind: 'browser',
        fields: names,
        open: renderString(flow.open, scope),
        actions: flow.steps.map((s) => ('fill' in s ? `fill ${s.fill}` : `click ${s.click}`)),
        until: renderString(flow.redirectUri, scope),
      });
      continue;
    }
    const shared = step.kind === 'create' && step.sharedKey ? ' (shared)' : '';
    if (step.kind === 'create' && step.lookup)
      steps.push(describeRequest(`lookup ${names}`, step.lookup, scope, plan, ctx));
    steps.push(describeRequest(`${step.kind} ${names}${shared}`, step.request, scope, plan, ctx));
  }
  steps.push(describeRequest('request', template, scope, plan, ctx));
  if (template.cleanup) steps.push(describeRequest('cleanup of the request', template.cleanup, scope, plan, ctx));
  for (const step of [...plan.fixtures].reverse())
    for (const c of step.cleanups) steps.push(describeRequest('cleanup', c, scope, plan, ctx));
  return steps;
}

/**
 * What `--dry-run` shows: every request each card would send, in order,
 * rendered as far as it can be without sending anything. Values that only a
 * response can give stay as their placeholder. Credentials are redacted as a
 * real run redacts them.
 */
export function describeDryRun(plans: CardPlan[], ctx: DryRunContext): DryRunCard[] {
  const cards = plans.map((plan): DryRunCard => {
    const base = { file: plan.file, endpoint: plan.endpoint };
    if (plan.action !== 'run') return { ...base, action: plan.action, reason: plan.reason, steps: [] };
    // A dry run plans every card in full (src/runner/setup-tasks.ts): a lean plan here is a bug.
    if (plan.lean) throw new Error(`dry run: ${plan.file} was planned lean`);
    const followUps = ctx.standards && plannedFollowUps(plan, ctx.standards);
    return { ...base, action: plan.action, steps: describeSteps(plan, ctx), ...(followUps ? { followUps } : {}) };
  });
  // Redacted once every card's credentials are known: one card's secret may be written in another.
  return ctx.redactor.redactDeep(cards);
}
