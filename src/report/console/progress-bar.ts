import type { Outcome } from '../../core/result.js';

export interface Progress {
  total: number;
  done: number;
  counts: Record<Outcome, number>;
  /** Cards started and not yet ended, in start order (endpoint or file). */
  inFlight: string[];
}

export function newProgress(total: number): Progress {
  return { total, done: 0, counts: { passed: 0, failed: 0, flaky: 0, skipped: 0, errored: 0 }, inFlight: [] };
}

const BAR_WIDTH = 20;

/**
 * The progress line, plain text that fits in `columns - 1` characters (so it
 * never wraps, which would break redrawing): bar, done/total, counts, the
 * card in flight.
 */
export function formatProgress(p: Progress, columns: number): string {
  const filled = p.total > 0 ? Math.round((p.done / p.total) * BAR_WIDTH) : 0;
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
  const c = p.counts;
  const counts = [
    `✓ ${c.passed}`,
    `✗ ${c.failed}`,
    ...(c.flaky ? [`~ ${c.flaky}`] : []),
    `○ ${c.skipped}`,
    ...(c.errored ? [`! ${c.errored}`] : []),
  ].join('  ');
  const current = p.inFlight.at(-1);
  const more = p.inFlight.length > 1 ? ` (+${p.inFlight.length - 1})` : '';
  const line = `${bar} ${p.done}/${p.total}  ${counts}${current ? `  ▸ ${current}${more}` : ''}`;
  const max = Math.max(10, columns - 1);
  return [...line].length > max ? `${[...line].slice(0, max - 1).join('')}…` : line;
}

/** Move to the start of the line above and clear it: removes the drawn progress line. */
export const ERASE_PREVIOUS_LINE = '\u001b[1A\u001b[2K';

/**
 * A bottom line that stays under the lines printed above it, drawn with a
 * line writer: the next write first erases the progress line, prints, then
 * draws it again. Only used on a terminal.
 */
export class LiveLine {
  private shown = false;
  constructor(private readonly write: (line: string) => void) {}

  /** Print permanent lines above the live line. */
  print(lines: readonly string[]): void {
    lines.forEach((l, i) => {
      this.write(i === 0 && this.shown ? `${ERASE_PREVIOUS_LINE}${l}` : l);
    });
    if (lines.length) this.shown = false;
  }

  draw(text: string): void {
    this.write(this.shown ? `${ERASE_PREVIOUS_LINE}${text}` : text);
    this.shown = true;
  }

  /** Remove the live line for good (the next print starts where it was). */
  clear(): void {
    if (this.shown) this.write(`${ERASE_PREVIOUS_LINE}\u001b[1A`);
    this.shown = false;
  }
}
