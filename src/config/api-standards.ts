import type { Config } from '../core/config.js';
import type { ApiStandards, StandardsLevel } from '../core/endpoint-kind.js';
import { ENDPOINT_KINDS, isDeclaredKind, STANDARDS_LEVELS } from '../core/endpoint-kind.js';
import { didYouMean } from '../util/did-you-mean.js';
import { CONFIG_KEYS } from './config-keys.js';
import type { YamlReader } from './yaml-reader.js';

/**
 * `apis:` settings per API name: `standards: error|warn|off` (how the OAuth standards packs count for the API's
 * cards; `error` when not said) and `endpointKind:` (the pack every card of the API gets, or `none`).
 */
export function readApiStandards(r: YamlReader, config: Config): void {
  const apis = r.map(['apis']);
  if (!apis) return;
  const known = new Set(Object.values(config.targets).flatMap((t) => Object.keys(t.apis)));
  config.apis = {};
  for (const name of Object.keys(apis)) {
    const at = ['apis', name];
    if (r.map(at) === undefined) continue;
    r.keys(at, CONFIG_KEYS.api);
    const entry: ApiStandards = { line: r.lineOf(at) };
    const level = r.string([...at, 'standards']);
    if (level !== undefined) {
      if ((STANDARDS_LEVELS as readonly string[]).includes(level)) entry.standards = level as StandardsLevel;
      else
        r.error(
          [...at, 'standards'],
          'config-invalid-value',
          `"standards" of API "${name}" must be error, warn or off (found "${level}")`,
          'error fails a card on a broken MUST, warn only shows findings, off runs no standards pack.',
        );
    }
    const kind = r.string([...at, 'endpointKind']);
    if (kind !== undefined) {
      if (isDeclaredKind(kind)) entry.endpointKind = kind;
      else
        r.error(
          [...at, 'endpointKind'],
          'config-invalid-value',
          `"endpointKind" of API "${name}" must be one of ${ENDPOINT_KINDS.join(', ')} or none (found "${kind}")`,
          'Leave it out to let each card be recognised from its request.',
        );
    }
    if (known.size > 0 && !known.has(name)) {
      const near = didYouMean(name, [...known]);
      r.error(
        at,
        'config-unknown-api',
        `apis: "${name}" is not an API any target gives a base URL for`,
        near ? `Did you mean "${near}"?` : `Defined: ${[...known].join(', ')}.`,
        'warning',
      );
    }
    config.apis[name] = entry;
  }
}
