import type { RequestSpec } from '../core/card.js';
import type { AuthProfile } from '../core/config.js';
import type { CardPlan, RunnablePlan } from '../core/plan.js';
import type { Redactor } from '../core/redact.js';
import { createCardFaker } from '../execute/card-seed.js';
import { joinUrl } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { renderJson, renderPath, renderRecord, renderString } from '../plan/render.js';

export interface DryRunContext {
  profiles: Record<string, AuthProfile>;
  baseUrlFor: (api: string | undefined) => string;
  env: Readonly<Record<string, string | undefined>>;
  seed: number;
  redactor: Redactor;
  now: number;
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
  const redact = (s: string) => ctx.redactor.redact(s);
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
  for (const [k, v] of Object.entries(renderRecord(spec.headers, scope)))
    headers.push({ name: k.toLowerCase(), value: redact(v) });
  return {
    kind: 'request',
    label: redact(label),
    method: spec.method,
    url: redact(url),
    headers,
    form: spec.form && redact(new URLSearchParams(renderRecord(spec.form, scope)).toString()),
    body: spec.body === undefined ? undefined : redact(JSON.stringify(renderJson(spec.body, scope))),
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
        open: ctx.redactor.redact(renderString(flow.open, scope)),
        actions: flow.steps.map((s) => ctx.redactor.redact('fill' in s ? `fill ${s.fill}` : `click ${s.click}`)),
        until: ctx.redactor.redact(renderString(flow.redirectUri, scope)),
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
 * response can give stay as their placeholder.
 */
export function describeDryRun(plans: CardPlan[], ctx: DryRunContext): DryRunCard[] {
  return plans.map((plan) => {
    const base = { file: plan.file, endpoint: plan.endpoint };
    if (plan.action !== 'run')
      return { ...base, action: plan.action, reason: ctx.redactor.redact(plan.reason), steps: [] };
    return { ...base, action: plan.action, steps: describeSteps(plan, ctx) };
  });
}
