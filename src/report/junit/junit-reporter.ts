import type { Reporter, ReporterContext } from '../reporter.js';
import { writeReportChunks } from '../write-report-file.js';
import { JunitSuites, junitXmlChunks } from './junit-report.js';

export const JUNIT_FILE = 'junit.xml';

/**
 * Writes `<out>/junit.xml` at the end of the run. Of a streamed run it keeps,
 * per folder, the counts and the positions of its cards, and reads each card back to write it.
 */
export function createJunitReporter(ctx: ReporterContext): Reporter {
  const streamed = new JunitSuites();
  return {
    name: 'junit',
    readsCards: true,
    onCardEnd(card, index) {
      streamed.add(card, index);
    },
    async onRunEnd(run, cards) {
      const suites = run.cardsStreamed ? streamed : JunitSuites.of(run.cards);
      const chunks = junitXmlChunks(run, suites, cards);
      return [{ label: 'junit', file: await writeReportChunks(ctx.cwd, ctx.outDir, JUNIT_FILE, chunks) }];
    },
  };
}
