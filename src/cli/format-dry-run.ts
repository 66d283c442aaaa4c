import type { DryRunCard, DryRunStep } from '../runner/dry-run.js';

function stepLines(n: number, step: DryRunStep): string[] {
  const num = String(n).padStart(2);
  if (step.kind === 'browser') {
    const actions = step.actions.length ? `, ${step.actions.join(', ')}` : '';
    return [`  ${num} browser ${step.fields}: open ${step.open}${actions}, until ${step.until}`];
  }
  const lines = [`  ${num} ${step.label.padEnd(26)} ${step.method} ${step.url}`];
  for (const h of step.headers)
    lines.push(`       ${h.name}: ${h.value}${h.profile ? ` (auth profile ${h.profile})` : ''}`);
  if (step.form !== undefined) lines.push(`       form: ${step.form}`);
  if (step.body !== undefined) lines.push(`       body: ${step.body}`);
  return lines;
}

/** The lines `cardcheck run --dry-run` prints: a head line per card, then its numbered steps. */
export function formatDryRun(cards: readonly DryRunCard[]): string[] {
  const out: string[] = [];
  for (const card of cards) {
    const head = `${card.file}  ${card.endpoint}`;
    if (card.action !== 'run') {
      out.push(`${head}  (${card.action === 'skip' ? 'skipped' : 'errored'}: ${card.reason ?? ''})`);
      continue;
    }
    out.push(head);
    card.steps.forEach((step, i) => {
      out.push(...stepLines(i + 1, step));
    });
  }
  return out;
}

/** How many cards would error: they make the dry run exit 2. */
export function erroredInDryRun(cards: readonly DryRunCard[]): number {
  return cards.filter((c) => c.action === 'error').length;
}
