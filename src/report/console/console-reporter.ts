import type { LeftBehind, RunResult } from '../../core/result.js';
import type { Reporter, ReporterContext } from '../reporter.js';
import { formatCoverageLine, formatSummaryLine } from '../summary-text.js';
import { formatCardLines } from './card-lines.js';
import { createPaint, DIM } from './paint.js';
import type { Progress } from './progress-bar.js';
import { formatProgress, LiveLine, newProgress } from './progress-bar.js';
import { createSourceLines } from './source-lines.js';

/** A live progress bar only on an interactive terminal: not in CI, not with NO_COLOR, not on a dumb terminal. */
export function wantsLiveProgress(ctx: Pick<ReporterContext, 'tty' | 'env'>): boolean {
  return ctx.tty && !ctx.env.CI && !ctx.env.NO_COLOR && ctx.env.TERM !== 'dumb';
}

function leftBehindLines(left: readonly LeftBehind[], paint: (c: number, s: string) => string): string[] {
  if (left.length === 0) return [];
  return [
    paint(33, `Left behind on the target (${left.length}):`),
    ...left.flatMap((l) => [`  ${l.createdBy}  ${l.field}=${l.id}  ${paint(DIM, l.file)}`, `    ${l.reason}`]),
  ];
}

/**
 * Per-card lines, then the summary, coverage, left-behind resources, the
 * faker seed and where the reports went. On a terminal, a progress line is
 * kept under the card lines while the run goes on.
 */
export function createConsoleReporter(ctx: ReporterContext): Reporter {
  const paint = createPaint(ctx.color);
  const sourceLine = createSourceLines(ctx.cwd);
  const live = wantsLiveProgress(ctx) ? new LiveLine(ctx.write) : undefined;
  let progress: Progress = newProgress(0);
  const print = (lines: string[]) => {
    if (live) live.print(lines);
    else for (const l of lines) ctx.write(l);
  };
  const redraw = () => live?.draw(formatProgress(progress, ctx.columns || 80));

  return {
    name: 'console',
    onRunStart(e) {
      progress = newProgress(e.total);
      print([
        `cardcheck: ${e.total} card${e.total === 1 ? '' : 's'} against ${e.target}${e.shard ? ` (shard ${e.shard.index}/${e.shard.total})` : ''}`,
      ]);
      redraw();
    },
    onCardStart(e) {
      progress.inFlight.push(e.endpoint || e.file);
      redraw();
    },
    onCardEnd(card) {
      const i = progress.inFlight.indexOf(card.endpoint || card.file);
      if (i >= 0) progress.inFlight.splice(i, 1);
      progress.done += 1;
      progress.counts[card.outcome] += 1;
      print(formatCardLines(card, { paint, verbose: ctx.verbose, quiet: ctx.quiet, sourceLine, columns: ctx.columns }));
      redraw();
    },
    onRunEnd(run: RunResult) {
      live?.clear();
      const lines = ['', formatSummaryLine(run.summary)];
      if (run.coverage.length) lines.push(formatCoverageLine(run.coverage));
      lines.push(...leftBehindLines(run.leftBehind, paint));
      if (run.mergedFrom) {
        const seeds = run.mergedFrom.map((m) => `shard ${m.index}/${m.total} ${m.seed}`).join(', ');
        lines.push(`faker seeds: ${seeds} (replay a shard with --shard i/n --seed N)`);
      } else lines.push(`faker seed ${run.seed} (replay with --seed ${run.seed})`);
      for (const l of lines) ctx.write(l);
    },
    onReportsWritten(files) {
      for (const f of files) ctx.write(`${f.label}: ${f.file}`);
    },
  };
}
