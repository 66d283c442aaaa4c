import type { FrontMatter } from '../core/card.js';
import type { ApiStandards, DeclaredKind, StandardsLevel, SwitchedOff } from '../core/endpoint-kind.js';
import type { RequestShape } from '../core/request.js';
import type { Detection } from './detect.js';
import { detectKind } from './detect.js';

/** The run's standards settings: the config's `apis:` and `--standards`. */
export interface StandardsSettings {
  apis?: Readonly<Record<string, ApiStandards>>;
  /** `--standards`: replaces every API's level. */
  override?: StandardsLevel;
  /** Send the follow-up requests (the target allows mutations: not production, or --allow-mutations). */
  followUps?: boolean;
}

/** What applies to one card: the pack (and why), the level, the rules it switches off. */
export interface CardStandards {
  detection?: Detection;
  level: StandardsLevel;
  /** Where the level comes from, for lint's line. */
  levelFrom: string;
  off: SwitchedOff[];
}

/** The kind a card or its API declares, front-matter first. */
function declared(
  fm: FrontMatter,
  api: string | undefined,
  s: StandardsSettings,
): { kind: DeclaredKind; why: string } | undefined {
  if (fm.endpointKind) return { kind: fm.endpointKind, why: `front-matter endpointKind: ${fm.endpointKind}` };
  const kind = api === undefined ? undefined : s.apis?.[api]?.endpointKind;
  return kind ? { kind, why: `config apis.${api}.endpointKind: ${kind}` } : undefined;
}

/** The standards that apply to a card's request (the rendered one at run time, the card's own at lint time). */
export function cardStandards(
  fm: FrontMatter,
  api: string | undefined,
  request: RequestShape,
  settings: StandardsSettings,
): CardStandards {
  const own = api === undefined ? undefined : settings.apis?.[api]?.standards;
  const level = settings.override ?? own ?? 'error';
  const levelFrom = settings.override ? '--standards' : own ? `config apis.${api}.standards` : 'the default level';
  return { detection: detectKind(request, declared(fm, api, settings)), level, levelFrom, off: fm.standardsOff ?? [] };
}
