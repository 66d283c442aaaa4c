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

function cardRows(cards: readonly CardResult[]): string[] {
  return [
    '| | card | endpoint | reason |',
    '|---|---|---|---|',
    ...cards.map(
      (c) =>
        `| ${ICON[c.outcome]} ${c.outcome} | \`${escapeCell(`${c.file}:${c.line}`)}\` | ${escapeCell(c.endpoint)} | ${escapeCell(c.reason)} |`,
    ),
  ];
}

/** The job summary (`$GITHUB_STEP_SUMMARY`): counts, the cards that need a look, skips, coverage and left-behind resources. */
export function toJobSummary(run: RunResult): string {
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
  const attention = run.cards.filter((c) => c.outcome === 'failed' || c.outcome === 'errored' || c.outcome === 'flaky');
  if (attention.length) lines.push('### Failed, errored and flaky cards', '', ...cardRows(attention), '');
  const skipped = run.cards.filter((c) => c.outcome === 'skipped');
  if (skipped.length)
    lines.push(`<details><summary>${skipped.length} skipped</summary>`, '', ...cardRows(skipped), '', '</details>', '');
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
  const folders = new Set(run.cards.map((c) => folderOf(c.file)));
  lines.push(
    `<sub>${run.cards.length} cards in ${folders.size} folder${folders.size === 1 ? '' : 's'} · run ${escapeCell(run.runId)}</sub>`,
    '',
  );
  return lines.join('\n');
}
