import type { ParseCardResult } from '../core/card.js';
import type { Diagnostic } from '../core/diagnostic.js';

/** A card as lint sees it: parsed, with its file. */
export interface LintInput extends ParseCardResult {
  file: string;
}

/** A check of one card. */
export interface CardRule {
  id: string;
  check(card: LintInput): Diagnostic[];
}

/**
 * A check across all cards of a run (duplicates): a small key of each card first, then the keys together, so a
 * large run need not hold every card to check them (src/runner/load-lean.ts).
 */
export interface ProjectRule<K = unknown> {
  id: string;
  /** What the rule compares of one card; undefined leaves the card out. */
  keyOf(card: LintInput): K | undefined;
  /** The findings among the keys, given in file order (one at a time: a large suite may have one per card). */
  check(keys: readonly ProjectKey<K>[]): Iterable<Diagnostic>;
}

export interface ProjectKey<K> {
  file: string;
  key: K;
}

/** Run a project rule over cards held in memory. */
export function checkProject<K>(rule: ProjectRule<K>, cards: readonly LintInput[]): Diagnostic[] {
  const keys: ProjectKey<K>[] = [];
  for (const c of cards) {
    const key = rule.keyOf(c);
    if (key !== undefined) keys.push({ file: c.file, key });
  }
  return [...rule.check(keys)];
}
