import { appendFile } from 'node:fs/promises';
import type { Reporter, ReporterContext } from '../reporter.js';
import { annotationsFor } from './annotations.js';
import { toJobSummary } from './job-summary.js';
import { formatAnnotation } from './workflow-command.js';

/**
 * For GitHub Actions: an `::error` annotation at each failing card's line
 * (printed to stdout, where the runner reads workflow commands) and a
 * Markdown job summary appended to the file `$GITHUB_STEP_SUMMARY` names.
 */
export function createGithubReporter(ctx: ReporterContext): Reporter {
  return {
    name: 'github',
    async onRunEnd(run) {
      for (const a of annotationsFor(run.cards)) ctx.write(formatAnnotation(a));
      const summaryFile = ctx.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) await appendFile(summaryFile, `${toJobSummary(run)}\n`);
    },
  };
}
