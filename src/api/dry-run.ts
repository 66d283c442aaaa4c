import type { RequestSpec } from '../core/card.js';
import type { AuthProfile } from '../core/config.js';
import type { CardPlan } from '../core/plan.js';
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

/** Which headers a profile would add; values are never shown. */
function authHeaderNames(profile: AuthProfile | undefined): string[] {
  if (!profile) return [];
  if (profile.type === 'headers') return Object.keys(profile.headers).map((h) => h.toLowerCase());
  return ['authorization'];
}

function describeRequest(
  n: number,
  label: string,
  spec: RequestSpec,
  scope: RenderScope,
  plan: CardPlan,
  ctx: DryRunContext,
): string[] {
  const profile = spec.auth ?? plan.auth;
  let url: string;
  try {
    url = joinUrl(ctx.baseUrlFor(plan.api), renderPath(spec.path, scope), renderRecord(spec.query, scope)).toString();
  } catch (err) {
    url = `(no base URL: ${err instanceof Error ? err.message : String(err)}) ${spec.path}`;
  }
  const lines = [`  ${String(n).padStart(2)} ${label.padEnd(26)} ${spec.method} ${decodeURI(url)}`];
  for (const h of authHeaderNames(profile && profile !== 'none' ? ctx.profiles[profile] : undefined))
    lines.push(`       ${h}: [redacted] (auth profile ${profile})`);
  if (spec.basic) lines.push('       authorization: Basic [redacted]');
  for (const [k, v] of Object.entries(renderRecord(spec.headers, scope))) lines.push(`       ${k.toLowerCase()}: ${v}`);
  if (spec.form) lines.push(`       form: ${new URLSearchParams(renderRecord(spec.form, scope)).toString()}`);
  if (spec.body !== undefined) lines.push(`       body: ${JSON.stringify(renderJson(spec.body, scope))}`);
  return lines.map((l) => ctx.redactor.redact(l));
}

/**
 * What `--dry-run` prints: every request each card would send, in order,
 * rendered as far as it can be without sending anything. Values that only a
 * response can give stay as their placeholder.
 */
export function describeDryRun(plans: CardPlan[], ctx: DryRunContext): string[] {
  const out: string[] = [];
  for (const plan of plans) {
    const head = `${plan.file}  ${plan.endpoint}`;
    if (plan.action !== 'run') {
      out.push(`${head}  (${plan.action === 'skip' ? 'skipped' : 'errored'}: ${ctx.redactor.redact(plan.reason)})`);
      continue;
    }
    out.push(head);
    const scope: RenderScope = {
      timestamp: ctx.now,
      faker: createCardFaker(ctx.seed, plan.id),
      fields: new Map(),
      env: ctx.env,
      lenient: true,
    };
    let n = 0;
    for (const step of plan.fixtures) {
      const names = step.fields.map((f) => f.name).join(', ');
      if (step.kind === 'value') continue;
      if (step.kind === 'browser') {
        const flow = step.browser;
        const steps = flow.steps.map((s) => ('fill' in s ? `fill ${s.fill}` : `click ${s.click}`)).join(', ');
        out.push(
          ctx.redactor.redact(
            `  ${String(++n).padStart(2)} browser ${names}: open ${renderString(flow.open, scope)}${steps ? `, ${steps}` : ''}, until ${renderString(flow.redirectUri, scope)}`,
          ),
        );
        continue;
      }
      const shared = step.kind === 'create' && step.sharedKey ? ' (shared)' : '';
      if (step.kind === 'create' && step.lookup)
        out.push(...describeRequest(++n, `lookup ${names}`, step.lookup, scope, plan, ctx));
      out.push(...describeRequest(++n, `${step.kind} ${names}${shared}`, step.request, scope, plan, ctx));
    }
    const template = plan.request;
    out.push(...describeRequest(++n, 'request', template, scope, plan, ctx));
    if (template.cleanup)
      out.push(...describeRequest(++n, 'cleanup of the request', template.cleanup, scope, plan, ctx));
    for (const step of [...plan.fixtures].reverse())
      for (const c of step.cleanups) out.push(...describeRequest(++n, 'cleanup', c, scope, plan, ctx));
  }
  return out;
}
