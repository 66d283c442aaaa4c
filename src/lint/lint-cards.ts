import type { Diagnostic } from '../core/diagnostic.js';
import { CARD_RULES, PROJECT_RULES } from './registry.js';
import type { LintInput } from './rule.js';
import { checkProject } from './rule.js';

/** Parse diagnostics plus every lint rule, per file, in file order. */
export function lintCards(cards: LintInput[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const c of cards) byFile.set(c.file, [...c.diagnostics, ...CARD_RULES.flatMap((r) => r.check(c))]);
  // Project rules see each card's own findings too: a card one of them refused is nobody's duplicate.
  const checked = cards.map((c) => ({ ...c, diagnostics: byFile.get(c.file) ?? c.diagnostics }));
  for (const rule of PROJECT_RULES) for (const d of checkProject(rule, checked)) byFile.get(d.file)?.push(d);
  return byFile;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}
