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

/** A check across all cards of a run (duplicates). */
export interface ProjectRule {
  id: string;
  check(cards: LintInput[]): Diagnostic[];
}
