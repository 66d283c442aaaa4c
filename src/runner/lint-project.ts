import type { Diagnostic } from '../core/diagnostic.js';
import type { RunPlan } from '../core/plan.js';
import { lintCards, sortDiagnostics } from '../lint/lint-cards.js';
import { planRun } from '../plan/plan-run.js';
import type { Project } from './load-project.js';

/**
 * Everything wrong with the project's cards: parse problems, lint rules, and
 * what planning finds (unresolvable placeholders, cycles, unknown profiles).
 * The environment is not known at lint time, so env variables are not checked.
 */
export function lintProject(project: Project): Diagnostic[] {
  const linted = lintCards(project.cards);
  const withLint = project.cards.map((c) => ({ ...c, diagnostics: linted.get(c.file) ?? c.diagnostics }));
  const plan = planRun(withLint, { profiles: project.config.profiles });
  return planDiagnostics(project.configDiagnostics, [...linted.values()].flat(), plan);
}

/**
 * Config diagnostics, then each card's lint and plan diagnostics once, sorted; without their source excerpts unless
 * `keepSource` (lean lint shows them, having no card text). A lean plan's diagnostics hold its lint findings already
 * (src/runner/load-lean.ts).
 */
export function planDiagnostics(
  config: Diagnostic[],
  lint: Diagnostic[],
  plan: RunPlan,
  { keepSource = false } = {},
): Diagnostic[] {
  const all = new Map<string, Diagnostic>();
  const key = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}:${d.ruleId}:${d.message}`;
  for (const d of lint) all.set(key(d), d);
  for (const p of plan.cards)
    for (const d of p.diagnostics)
      all.set(
        key(d),
        keepSource
          ? d
          : {
              ruleId: d.ruleId,
              severity: d.severity,
              file: d.file,
              line: d.line,
              column: d.column,
              message: d.message,
              hint: d.hint,
            },
      );
  return sortDiagnostics([...config, ...all.values()]);
}

/** Lint diagnostics merged into each card, as `cardcheck run` uses them: a card with errors is reported errored. */
export function withLintDiagnostics(project: Project): Project {
  const linted = lintCards(project.cards);
  return { ...project, cards: project.cards.map((c) => ({ ...c, diagnostics: linted.get(c.file) ?? c.diagnostics })) };
}
