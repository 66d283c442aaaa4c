import type { ShownDiagnostic } from '../../core/diagnostic.js';
import type { CardResult } from '../../core/result.js';
import { caretIndex, windowLine } from '../../core/source-window.js';
import {
  describeProblem,
  failureLocations,
  formatSwitchedOff,
  formatWarning,
  requestsNotKept,
} from '../failure-text.js';
import { formatExchange } from './exchange-lines.js';
import type { Paint } from './paint.js';
import { DIM, MARK, OUTCOME_COLOR } from './paint.js';

export interface CardLinesOptions {
  paint: Paint;
  verbose: boolean;
  /** No warning lines under the card (--quiet). */
  quiet?: boolean;
  /** The text of a card file's line, when it can be read. */
  sourceLine: (file: string, line: number) => string | undefined;
}

const INDENT = '    ';

/** Where each failed expectation is written, with its source line and a caret under it, Hurl-style. */
function locationLines(card: CardResult, opts: CardLinesOptions): string[] {
  const out: string[] = [];
  for (const { line, column } of failureLocations(card)) {
    const exact = card.checks.some((c) => c.line === line);
    out.push(`${INDENT}at ${card.file}:${line}${exact ? `:${column}` : ''}`);
    const text = opts.sourceLine(card.file, line);
    if (text === undefined) continue;
    const shown = windowLine(text, exact ? column : 1);
    out.push(`${INDENT}  ${line} | ${shown.source.replace(/\t/g, ' ')}`);
    const caret = ' '.repeat(caretIndex(column, shown.sourceStart));
    if (exact) out.push(`${INDENT}  ${' '.repeat(String(line).length)} | ${caret}^`);
  }
  return out;
}

/** Diagnostics made while running (a UID step that failed) get their source line here, as lint's have theirs. */
function withSources(card: CardResult, opts: CardLinesOptions): CardResult {
  if (card.diagnostics.every((d: ShownDiagnostic) => d.source !== undefined || d.severity !== 'error')) return card;
  const diagnostics = card.diagnostics.map((d: ShownDiagnostic) =>
    d.source === undefined ? { ...d, source: opts.sourceLine(d.file, d.line) } : d,
  );
  return { ...card, diagnostics };
}

/**
 * A card's block: `✓ passed  endpoint  file  N ms`, then the skip reason,
 * the failure diff and location, the error diagnostics, each attempt of a
 * flaky card, warnings, and with --verbose every request and response.
 */
export function formatCardLines(card: CardResult, opts: CardLinesOptions): string[] {
  const { paint } = opts;
  const dim = (s: string) => paint(DIM, s);
  const head = `${paint(OUTCOME_COLOR[card.outcome], `${MARK[card.outcome]} ${card.outcome.padEnd(7)}`)} ${card.endpoint || '(no endpoint)'}  ${dim(card.file)}  ${dim(`${card.durationMs} ms`)}`;
  const lines = [head];
  if (card.outcome === 'skipped') lines.push(`${INDENT}reason: ${card.reason}`);
  if (card.outcome === 'failed' || card.outcome === 'errored' || card.outcome === 'flaky') {
    lines.push(...describeProblem(withSources(card, opts)).map((l) => `${INDENT}${l}`));
  }
  if (card.outcome === 'failed') lines.push(...locationLines(card, opts));
  for (const w of card.checks.filter((c) => c.warning)) lines.push(`${INDENT}${paint(33, formatWarning(w))}`);
  if (!opts.quiet)
    for (const o of card.checks.filter((c) => c.off !== undefined)) lines.push(`${INDENT}${dim(formatSwitchedOff(o))}`);
  // What lint warns about the card (an unknown key, a stray fence): one line each, so a run shows it too.
  if (!opts.quiet)
    for (const d of card.diagnostics.filter((x) => x.severity === 'warning'))
      lines.push(`${INDENT}${paint(33, `warning ${d.ruleId} ${d.file}:${d.line}:${d.column} ${d.message}`)}`);
  if (opts.verbose) for (const r of card.requests) lines.push(...formatExchange(r).map((l) => `${INDENT}${dim(l)}`));
  if (opts.verbose && card.requestsKept === false) lines.push(`${INDENT}${dim(requestsNotKept(card))}`);
  return lines;
}
