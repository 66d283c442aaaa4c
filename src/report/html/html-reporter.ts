import type { Reporter, ReporterContext } from '../reporter.js';
import { writeReportChunks } from '../write-report-file.js';
import { HtmlCardIndex, htmlReportChunks } from './html-report.js';

export const HTML_FILE = 'report.html';

/**
 * Writes `<out>/report.html` at the end of the run, one card at a time. Of a
 * streamed run it keeps the positions of the cards by outcome and the values
 * to filter by, and reads each card back to write it.
 */
export function createHtmlReporter(ctx: ReporterContext): Reporter {
  const streamed = new HtmlCardIndex();
  return {
    name: 'html',
    readsCards: true,
    onCardEnd(card, index) {
      streamed.add(card, index);
    },
    async onRunEnd(run, cards) {
      const index = run.cardsStreamed ? streamed : HtmlCardIndex.of(run.cards);
      const chunks = htmlReportChunks(run, index, cards);
      return [{ label: 'html', file: await writeReportChunks(ctx.cwd, ctx.outDir, HTML_FILE, chunks) }];
    },
  };
}
