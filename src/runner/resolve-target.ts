import { replacePlaceholders } from '../card/placeholders.js';
import type { Config, TargetConfig } from '../core/config.js';
import { CardcheckError } from '../core/errors.js';
import type { CardPlan } from '../core/plan.js';
import { didYouMean } from '../util/did-you-mean.js';

/** The run cannot start: unknown target, ambiguous --target URL, a base URL's variable unset. Exit code 2. */
const setupError = (message: string) => new CardcheckError('target-unknown', message);

/**
 * `--target NAME` picks a configured target; `--target URL` is allowed when
 * every card to run calls one API; no `--target` uses the config's default.
 */
export function resolveTarget(config: Config, target: string | undefined, selected: () => CardPlan[]): TargetConfig {
  if (target && /^https?:\/\//i.test(target)) {
    // Only a URL target needs to know which APIs the selected cards call.
    const apis = [
      ...new Set(
        selected()
          .filter((p) => p.action === 'run')
          .map((p) => p.api)
          .filter((a): a is string => a !== undefined),
      ),
    ];
    if (apis.length > 1) {
      throw setupError(
        `--target ${target}: the selected cards call ${apis.length} APIs (${apis.join(', ')}), so one URL cannot serve them; name a target from cardcheck.config.yaml (${Object.keys(config.targets).join(', ')}) or select one API's cards`,
      );
    }
    const api = apis[0] ?? 'default';
    return { name: target, apis: { [api]: target.replace(/\/+$/, '') }, embedded: false, production: false, line: 0 };
  }
  const name = target ?? config.defaultTarget;
  const found = config.targets[name];
  if (!found) {
    const near = didYouMean(name, Object.keys(config.targets));
    throw setupError(
      `--target ${name}: no such target${near ? `; did you mean "${near}"?` : ''} (configured: ${Object.keys(config.targets).join(', ') || 'none'}; a URL such as https://staging.example.com also works)`,
    );
  }
  return found;
}

/** Fill `{{env.NAME}}` in a target's base URLs (hosts that CI passes in). */
export function withEnvUrls(target: TargetConfig, env: Readonly<Record<string, string | undefined>>): TargetConfig {
  const apis: Record<string, string> = {};
  for (const [api, url] of Object.entries(target.apis)) {
    apis[api] = replacePlaceholders(url, (expr, raw) => {
      const value = expr.startsWith('env.') ? env[expr.slice(4)] : undefined;
      if (value === undefined)
        throw setupError(`target "${target.name}": the base URL of API "${api}" needs ${raw}, which is not set`);
      return value;
    }).replace(/\/+$/, '');
  }
  return { ...target, apis };
}

/** Base URL lookup for a target: the card's API, or the only API when the card names none. */
export function baseUrlLookup(target: TargetConfig): (api: string | undefined) => string {
  return (api) => {
    const apis = Object.entries(target.apis);
    const url = api ? target.apis[api] : apis.length === 1 ? apis[0]?.[1] : undefined;
    if (url) return url;
    // Located at line 1, where the card's front-matter would name its API: the card errors at a line, as a refusal does.
    if (!api)
      throw new CardcheckError(
        'target-api-missing',
        `target "${target.name}" has ${apis.length} APIs (${apis.map(([a]) => a).join(', ')}) and this card names none; set \`api:\` in its front-matter or its folder's config`,
        { at: { line: 1, column: 1 } },
      );
    throw new CardcheckError('target-api-missing', `target "${target.name}" has no base URL for API "${api}"`);
  };
}
