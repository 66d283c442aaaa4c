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

/** The standards follow-ups a card's run would send, each with when, or why not (src/standards/planned-follow-ups.ts). */
function followUpLines(f: DryRunCard['followUps']): string[] {
  if (!f) return [];
  if ('none' in f) return [`     follow-ups: none (${f.none})`];
  return f.rules.map((r) =>
    r.notSent === undefined
      ? `     follow-up ${r.rule} (${r.when})`
      : `     follow-up ${r.rule}: not sent (${r.notSent})`,
  );
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
    out.push(...followUpLines(card.followUps));
  }
  return out;
}

/** How many cards would error: they make the dry run exit 2. */
export function erroredInDryRun(cards: readonly DryRunCard[]): number {
  return cards.filter((c) => c.action === 'error').length;
}
