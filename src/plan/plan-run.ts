import type { ParseCardResult } from '../core/card.js';
import { isError } from '../core/diagnostic.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { CardPlan, RunPlan } from '../core/plan.js';
import { checkPlaceholders } from './check-placeholders.js';
import { planFixtures } from './plan-fixtures.js';

export interface LoadedCard extends ParseCardResult {
  file: string;
}

export interface PlanOptions {
  env: Readonly<Record<string, string | undefined>>;
}

/** One line of what went wrong, for the card's `reason`. */
export function summarizeDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.message}`;
}

/** Attach the offending source line so reporters can show it. */
function withSource(d: Diagnostic, lines: string[]): Diagnostic & { source?: string } {
  return { ...d, source: lines[d.line - 1] };
}

export function planCard(loaded: LoadedCard, options: PlanOptions): CardPlan {
  const { card } = loaded;
  const base = {
    file: loaded.file,
    line: card?.title?.line ?? 1,
    endpoint: card?.frontMatter.endpoint ?? (card?.request ? `${card.request.method} ${card.request.path}` : ''),
    title: card?.title?.text ?? '',
    card,
    fixtures: [],
  };
  const parseErrors = loaded.diagnostics.filter(isError);
  const skip = card?.frontMatter.status === 'skip';
  if (card && skip) {
    return { ...base, action: 'skip', reason: card.frontMatter.skipReason ?? 'status: skip (no skipReason given)', diagnostics: loaded.diagnostics };
  }
  if (!card || parseErrors.length > 0) {
    const diagnostics = loaded.diagnostics.map((d) => withSource(d, loaded.lines));
    const first = diagnostics.find(isError);
    return { ...base, action: 'error', reason: first ? summarizeDiagnostic(first) : 'the card could not be read', diagnostics };
  }
  const unresolved = checkPlaceholders(card, options.env).map((d) => withSource(d, loaded.lines));
  const diagnostics = [...loaded.diagnostics, ...unresolved];
  const first = unresolved[0];
  if (first) return { ...base, action: 'error', reason: summarizeDiagnostic(first), diagnostics };
  return { ...base, action: 'run', reason: '', diagnostics, fixtures: planFixtures(card) };
}

/** Pure: cards + environment → what to run, in order. No network, no files. */
export function planRun(cards: LoadedCard[], options: PlanOptions): RunPlan {
  return { cards: cards.map((c) => planCard(c, options)) };
}
