import { resultsJsonChunks } from '../json-report.js';
import type { Reporter, ReporterContext } from '../reporter.js';
import { writeReportChunks } from '../write-report-file.js';

export const RESULTS_FILE = 'results.json';

/** Writes `<out>/results.json` at the end of the run, one card at a time. */
export function createJsonReporter(ctx: ReporterContext): Reporter {
  return {
    name: 'json',
    readsCards: true,
    async onRunEnd(run, cards) {
      const chunks = resultsJsonChunks(run, cards);
      return [{ label: 'results', file: await writeReportChunks(ctx.cwd, ctx.outDir, RESULTS_FILE, chunks) }];
    },
  };
}
