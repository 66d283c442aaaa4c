import type { Reporter, ReporterContext } from '../reporter.js';
import { writeReportFile } from '../write-report-file.js';
import { toHtmlReport } from './html-report.js';

export const HTML_FILE = 'report.html';

/** Writes `<out>/report.html` at the end of the run. */
export function createHtmlReporter(ctx: ReporterContext): Reporter {
  return {
    name: 'html',
    async onRunEnd(run) {
      return [{ label: 'html', file: await writeReportFile(ctx.cwd, ctx.outDir, HTML_FILE, toHtmlReport(run)) }];
    },
  };
}
