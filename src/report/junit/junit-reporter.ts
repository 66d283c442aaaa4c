import type { Reporter, ReporterContext } from '../reporter.js';
import { writeReportFile } from '../write-report-file.js';
import { toJunitXml } from './junit-report.js';

export const JUNIT_FILE = 'junit.xml';

/** Writes `<out>/junit.xml` at the end of the run. */
export function createJunitReporter(ctx: ReporterContext): Reporter {
  return {
    name: 'junit',
    async onRunEnd(run) {
      return [{ label: 'junit', file: await writeReportFile(ctx.cwd, ctx.outDir, JUNIT_FILE, toJunitXml(run)) }];
    },
  };
}
