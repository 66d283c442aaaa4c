import { cardRequests } from '../card/card-requests.js';
import { scanPlaceholders } from '../card/placeholders.js';
import type { Card, ParseCardResult } from '../core/card.js';
import type { AuthProfile } from '../core/config.js';
import { profileSettings } from '../core/config.js';
import type { Diagnostic, ShownDiagnostic } from '../core/diagnostic.js';
import { isError } from '../core/diagnostic.js';
import type { CardPlan, PlanBase, RunPlan } from '../core/plan.js';
import { notRun } from '../core/plan.js';
import { SourceFile } from '../core/source.js';
import { windowLine } from '../core/source-window.js';
import { didYouMean } from '../util/did-you-mean.js';
import { checkPlaceholders } from './check-placeholders.js';
import { orderByNeeds } from './order-cards.js';
import { planFixtures } from './plan-fixtures.js';

export interface LoadedCard extends ParseCardResult {
  file: string;
  /** Settings inherited from the card's folder (cardcheck.config.yaml `folders`). */
  folder?: { api?: string; auth?: string };
}

export interface PlanOptions {
  /** The run's environment; undefined (lint) skips env checks. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Auth profiles the config defines; undefined skips the check. */
  profiles?: Readonly<Record<string, AuthProfile>>;
  /** The run drives a browser (--browser): fields with a browser flow are resolved, not a reason to skip. */
  browser?: boolean;
}

/** One line of what went wrong, for the card's `reason`. */
export function summarizeDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.message}`;
}

/** Attach the offending source line (a window of it when long) so reporters can show it. */
export function withSource(d: Diagnostic, source: SourceFile | undefined): ShownDiagnostic {
  const line = source?.lineText(d.line);
  return line === undefined ? { ...d, source: undefined } : { ...d, ...windowLine(line, d.column) };
}

/** The env names a profile reads; the same for every card naming it, so found once per profile. */
const envOfProfile = new WeakMap<AuthProfile, string[]>();
function profileEnv(profile: AuthProfile): string[] {
  let names = envOfProfile.get(profile);
  if (!names) {
    names = profileSettings(profile)
      .flatMap((s) => scanPlaceholders(s.value).map((m) => m.expr))
      .filter((e) => e.startsWith('env.'))
      .map((e) => e.slice(4));
    envOfProfile.set(profile, names);
  }
  return names;
}

function checkProfiles(loaded: LoadedCard, auth: string | undefined, options: PlanOptions): Diagnostic[] {
  const card = loaded.card;
  const defined = options.profiles;
  if (!card || !defined) return [];
  const used: { name: string; line: number; column: number }[] = [];
  if (card.frontMatter.auth)
    used.push({ name: card.frontMatter.auth, line: card.frontMatter.keyLines.auth ?? 1, column: 1 });
  else if (auth) used.push({ name: auth, line: 1, column: 1 });
  for (const { spec } of cardRequests(card))
    if (spec.auth) used.push({ name: spec.auth, line: spec.line, column: spec.column });
  if (used.length === 0) return [];
  const out: Diagnostic[] = [];
  const env = options.env;
  if (env) {
    const seen = new Set<string>();
    for (const u of used) {
      const profile = Object.hasOwn(defined, u.name) ? defined[u.name] : undefined;
      if (!profile || seen.has(u.name)) continue;
      seen.add(u.name);
      for (const name of profileEnv(profile)) {
        if (env[name] === undefined)
          out.push({
            ruleId: 'missing-env',
            severity: 'error',
            file: loaded.file,
            line: u.line,
            column: u.column,
            message: `auth profile "${u.name}" needs the environment variable ${name}, which is not set`,
            hint: `Set ${name} in the environment or in the file given to --env-file.`,
          });
      }
    }
  }
  for (const u of used) {
    if (u.name === 'none' || Object.hasOwn(defined, u.name)) continue;
    const profiles = Object.keys(defined);
    const near = didYouMean(u.name, profiles);
    out.push({
      ruleId: 'unknown-auth-profile',
      severity: 'error',
      file: loaded.file,
      line: u.line,
      column: u.column,
      message: `auth profile "${u.name}" is not defined; defined: ${profiles.join(', ') || 'none'}`,
      hint: near ? `Did you mean "${near}"?` : 'Define it under `auth:` in cardcheck.config.yaml, or use "none".',
    });
  }
  return out;
}

export function planCard(
  loaded: LoadedCard,
  options: PlanOptions,
  knownCards: ReadonlySet<string> = new Set(),
): CardPlan {
  const { card } = loaded;
  const auth = card?.frontMatter.auth ?? loaded.folder?.auth;
  const base: PlanBase & { card?: Card } = {
    file: loaded.file,
    line: card?.title?.line ?? 1,
    endpoint: card?.frontMatter.endpoint ?? (card?.request ? `${card.request.method} ${card.request.path}` : ''),
    title: card?.title?.text ?? '',
    id: card?.id ?? loaded.file,
    diagnostics: [],
    card,
    api: card?.frontMatter.api ?? loaded.folder?.api,
    auth,
    needs: [],
    needsAt: undefined,
    needed: false,
  };
  // One SourceFile for the card: its lines are indexed once, however many diagnostics point into it.
  const source = loaded.text === '' ? undefined : new SourceFile('', loaded.text);
  const shown = (ds: Diagnostic[]) => ds.map((d) => withSource(d, source));
  if (card && card.frontMatter.status === 'skip')
    return notRun(
      base,
      'skip',
      card.frontMatter.skipReason ?? 'status: skip (no skipReason given)',
      shown(loaded.diagnostics),
    );
  const more: Diagnostic[] = card ? checkProfiles(loaded, auth, options) : [];
  const checked = card ? checkPlaceholders(card, options.env, knownCards, options.browser) : undefined;
  const fixtures = card ? planFixtures(card, options.browser) : undefined;
  base.diagnostics = shown([
    ...loaded.diagnostics,
    ...more,
    ...(checked?.diagnostics ?? []),
    ...(fixtures?.diagnostics ?? []),
  ]);
  const first = base.diagnostics.find(isError);
  if (!card || first) return notRun(base, 'error', first ? summarizeDiagnostic(first) : 'the card could not be read');
  if (checked && checked.cardNeeds.length > 0) {
    // Without a prototype, so that a card named __proto__ is a key like any other.
    const needsAt: Record<string, { line: number; column: number }> = Object.create(null);
    for (const n of checked.cardNeeds) needsAt[n.id] ??= { line: n.placeholder.line, column: n.placeholder.column };
    base.needsAt = needsAt;
    base.needs = Object.keys(needsAt);
  }
  const person = checked?.external.find((e) => !(e.browser && options.browser));
  if (person)
    return notRun(
      base,
      'skip',
      `needs ${person.placeholder.raw}, which only a person can produce (${person.description}); ${card.file}:${person.placeholder.line}${person.browser ? '; the card says how: run with --browser to do it in headless Chromium' : ''}`,
    );
  // Parsing reports a card without a Request Template as an error, so this is a safeguard: a runnable plan has its request.
  if (!card.request) return notRun(base, 'error', 'the card has no request');
  return { ...base, action: 'run', card, request: card.request, fixtures: fixtures?.steps ?? [] };
}

/** Pure: cards + environment → what to run, in order. No network, no files. */
export function planRun(cards: LoadedCard[], options: PlanOptions): RunPlan {
  const ids = new Set(cards.map((c) => c.card?.id).filter((id): id is string => id !== undefined));
  return { cards: orderByNeeds(cards.map((c) => planCard(c, options, ids))) };
}
