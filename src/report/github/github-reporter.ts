import { appendFile } from 'node:fs/promises';
import type { Reporter, ReporterContext } from '../reporter.js';
import { annotationsFor } from './annotations.js';
import { JobSummaryCards, toJobSummary } from './job-summary.js';
import { formatAnnotation } from './workflow-command.js';

/**
 * For GitHub Actions: an `::error` annotation at each failing card's line
 * (printed to stdout, where the runner reads workflow commands) and a
 * Markdown job summary appended to the file `$GITHUB_STEP_SUMMARY` names.
 * Of a streamed run it keeps only what it prints: the annotation lines and the summary's rows.
 */
export function createGithubReporter(ctx: ReporterContext): Reporter {
  const annotations: string[] = [];
  const shown = new JobSummaryCards();
  return {
    name: 'github',
    onCardEnd(card) {
      for (const a of annotationsFor([card])) annotations.push(formatAnnotation(a));
      shown.add(card);
    },
    async onRunEnd(run) {
      const lines = run.cardsStreamed ? annotations : annotationsFor(run.cards).map(formatAnnotation);
      for (const l of lines) ctx.write(l);
      const summaryFile = ctx.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) await appendFile(summaryFile, `${toJobSummary(run, run.cardsStreamed ? shown : undefined)}\n`);
    },
  };
}
