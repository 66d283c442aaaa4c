import type { CardResult, RunResult } from '../../core/result.js';
import { folderOf } from '../card-folder.js';
import { formatCoverageLine, formatSummaryLine } from '../summary-text.js';

/** Text for a Markdown table cell: HTML-escaped (GitHub renders inline HTML), pipes escaped, line breaks as <br>. */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

const ICON = { passed: '✅', failed: '❌', flaky: '⚠️', skipped: '⏭️', errored: '💥' } as const;

const HEAD = ['| | card | endpoint | reason |', '|---|---|---|---|'];

const cardRow = (c: CardResult) =>
  `| ${ICON[c.outcome]} ${c.outcome} | \`${escapeCell(`${c.file}:${c.line}`)}\` | ${escapeCell(c.endpoint)} | ${escapeCell(c.reason)} |`;

/**
 * What the job summary shows of the cards, built one card at a time (`add`): the
 * rows of those that need a look and of the skipped ones, the count and the
 * folders. A streamed run keeps these, not the results.
 */
export class JobSummaryCards {
  count = 0;
  readonly attention: string[] = [];
  readonly skipped: string[] = [];
  readonly folders = new Set<string>();

  add(card: CardResult): void {
    this.count += 1;
    this.folders.add(folderOf(card.file));
    if (card.outcome === 'failed' || card.outcome === 'errored' || card.outcome === 'flaky')
      this.attention.push(cardRow(card));
    else if (card.outcome === 'skipped') this.skipped.push(cardRow(card));
  }

  static of(cards: readonly CardResult[]): JobSummaryCards {
    const shown = new JobSummaryCards();
    for (const c of cards) shown.add(c);
    return shown;
  }
}

/** The job summary (`$GITHUB_STEP_SUMMARY`): counts, the cards that need a look, skips, coverage and left-behind resources. */
export function toJobSummary(run: RunResult, cards = JobSummaryCards.of(run.cards)): string {
  const s = run.summary;
  const ok = s.failed === 0 && s.errored === 0 && !run.aborted;
  const lines = [
    `## ${ok ? '✅' : '❌'} cardcheck: ${escapeCell(formatSummaryLine(s))}`,
    '',
    `Target: ${escapeCell(run.target)} · faker seed ${run.seed}${run.shard ? ` · shard ${run.shard.index}/${run.shard.total}` : ''}`,
    '',
  ];
  lines.push(
    '| passed | failed | flaky | skipped | errored |',
    '|---:|---:|---:|---:|---:|',
    `| ${s.passed} | ${s.failed} | ${s.flaky} | ${s.skipped} | ${s.errored} |`,
    '',
  );
  if (run.aborted) lines.push(`> **The run stopped early:** ${escapeCell(run.aborted.message)}`, '');
  if (cards.attention.length) lines.push('### Failed, errored and flaky cards', '', ...HEAD, ...cards.attention, '');
  if (cards.skipped.length)
    lines.push(
      `<details><summary>${cards.skipped.length} skipped</summary>`,
      '',
      ...HEAD,
      ...cards.skipped,
      '',
      '</details>',
      '',
    );
  if (run.coverage.length) lines.push(escapeCell(formatCoverageLine(run.coverage)), '');
  if (run.leftBehind.length) {
    lines.push(
      `### Left behind on the target (${run.leftBehind.length})`,
      '',
      '| created by | id | card | reason |',
      '|---|---|---|---|',
    );
    for (const l of run.leftBehind)
      lines.push(
        `| ${escapeCell(l.createdBy)} | ${escapeCell(`${l.field}=${l.id}`)} | \`${escapeCell(l.file)}\` | ${escapeCell(l.reason)} |`,
      );
    lines.push('');
  }
  const folders = cards.folders;
  lines.push(
    `<sub>${cards.count} cards in ${folders.size} folder${folders.size === 1 ? '' : 's'} · run ${escapeCell(run.runId)}</sub>`,
    '',
  );
  return lines.join('\n');
}
