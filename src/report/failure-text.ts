import type { AttemptResult, CardResult, CheckResult } from '../core/result.js';
import { formatDiagnostic, shownDiagnostics } from './format-diagnostic.js';

/**
 * One failed check as a small diff: the message, then the expected and the
 * found value under each other. A status check's message already is the diff.
 */
export function formatCheck(c: CheckResult): string[] {
  if (c.kind === 'status') return c.body === undefined ? [c.message] : [c.message, `  response body: ${c.body}`];
  // A standards check's message states the requirement and the fix; its found value is the diff.
  if (c.kind === 'standard') return [`${checkLabel(c)}: ${c.message}`, `  + found:    ${c.actual}`];
  const head = `${checkLabel(c)}: ${c.message}`;
  return [head, `  - expected: ${c.expected}`, `  + found:    ${c.actual}`];
}

/** `schema /data/id`, `standard token-no-store (RFC 6749 §5.1)`: what a check is about, before its message. */
export function checkLabel(c: CheckResult): string {
  if (c.kind === 'standard') return `standard ${c.rule ?? c.path ?? ''} (${c.clause ?? 'no clause'})`;
  return `${c.kind}${c.path ? ` ${c.path}` : ''}`;
}

export function formatWarning(c: CheckResult): string {
  return c.kind === 'standard'
    ? `warning: ${checkLabel(c)}: ${c.message} (found: ${c.actual})`
    : `warning: ${checkLabel(c)}: ${c.message}`;
}

/** A standards rule the card switched off, with its reason: `standards off: token-pragma-no-cache (RFC 6749 §5.1): …`. */
export function formatSwitchedOff(c: CheckResult): string {
  return `${c.notRun ? 'follow-up not run' : 'standards off'}: ${c.rule ?? c.path ?? ''} (${c.clause ?? 'no clause'}): ${c.off ?? ''}`;
}

/**
 * Where a failed card's failure is written: each failed check's expectation
 * (the status, the schema, the assertion), once per place, in file order;
 * the card's own line when no check knows its place.
 */
export function failureLocations(card: CardResult): { line: number; column: number }[] {
  const seen = new Map<string, { line: number; column: number }>();
  for (const c of card.checks)
    if (!c.passed && !c.warning && c.line !== undefined)
      seen.set(`${c.line}:${c.column ?? 1}`, { line: c.line, column: c.column ?? 1 });
  const places = [...seen.values()].sort((a, b) => a.line - b.line || a.column - b.column);
  return places.length ? places : [{ line: card.line, column: 1 }];
}

/** `attempt 1 of 2: failed (expected status 201, got 200), 3 ms`. */
export function formatAttempts(attempts: readonly AttemptResult[]): string[] {
  return attempts.map(
    (a, i) =>
      `attempt ${i + 1} of ${attempts.length}: ${a.outcome}${a.reason ? ` (${a.reason})` : ''}, ${a.durationMs} ms`,
  );
}

/**
 * What went wrong with a card, as plain lines without indentation: the failed
 * checks as diffs (failed), the located diagnostics or the error (errored),
 * the attempts when there were several, and where the card is. Pure: the
 * console adds the source line, JUnit and GitHub use these lines as they are.
 */
export function describeProblem(card: CardResult): string[] {
  const lines: string[] = [];
  if (card.outcome === 'failed') {
    const failed = card.checks.filter((c) => !c.passed && !c.warning);
    for (const c of failed) lines.push(...formatCheck(c));
    if (failed.length === 0 && card.reason) lines.push(card.reason);
  } else if (card.outcome === 'errored') {
    const errors = card.diagnostics.filter((d) => d.severity === 'error');
    const { shown, more } = shownDiagnostics(errors);
    for (const d of shown) lines.push(...formatDiagnostic(d));
    if (more) lines.push(`${more} in this card (all are in results.json)`);
    if (errors.length === 0) lines.push(card.reason);
  }
  if (card.attempts.length > 1) lines.push(...formatAttempts(card.attempts));
  return lines;
}

/** The marker shown where `--trace` did not keep a card's requests and responses, saying how to keep them. */
export function requestsNotKept(card: CardResult): string {
  return card.outcome === 'passed' || card.outcome === 'skipped'
    ? `requests and responses not kept for ${card.outcome} cards (--trace on keeps them)`
    : 'requests and responses not kept (--trace off; --trace retain-on-failure or on keeps them)';
}
