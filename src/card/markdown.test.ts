import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, TableRow } from './markdown.js';
import { scanBlocks, splitRow } from './markdown.js';

// The reference: the line-array scanner scanBlocks replaced (it reads lines in
// place now, by offsets). Same regular expressions, same rules.
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const NOT_BLANK = /\S/;
const DELIMITER_ROW = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const mayOpenFenceAt = (line: string) => /^[^\n]{0,3}[`~]/.test(line);

/** The scanner as first written: split into lines, then scanned line by line. */
function referenceScan(lines: string[], firstLine: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const lineNo = firstLine + i;
    // Cheap checks first: most lines are neither fences nor headings.
    const fence = mayOpenFenceAt(line) ? FENCE.exec(line) : null;
    if (fence) {
      const marker = fence[1] ?? '```';
      let j = i + 1;
      let closed = false;
      for (; j < lines.length; j++) {
        const l = lines[j] ?? '';
        if (l.includes(marker) && l.trim().startsWith(marker) && l.trim().replace(/[`~]/g, '') === '') {
          closed = true;
          break;
        }
      }
      blocks.push({
        kind: 'fence',
        lang: (fence[2] ?? '').toLowerCase(),
        content: lines.slice(i + 1, j).join('\n'),
        line: lineNo,
        contentLine: lineNo + 1,
        closed,
      });
      i = closed ? j + 1 : j;
      continue;
    }
    const heading = line.charCodeAt(0) === 35 ? HEADING.exec(line) : null;
    if (heading) {
      blocks.push({ kind: 'heading', level: (heading[1] ?? '#').length, text: heading[2] ?? '', line: lineNo });
      i++;
      continue;
    }
    if (line.includes('|') && DELIMITER_ROW.test(lines[i + 1] ?? '')) {
      const header: TableRow = { line: lineNo, cells: splitRow(line) };
      const rows: TableRow[] = [];
      let j = i + 2;
      for (; j < lines.length && (lines[j] ?? '').includes('|') && NOT_BLANK.test(lines[j] ?? ''); j++) {
        rows.push({ line: firstLine + j, cells: splitRow(lines[j] ?? '') });
      }
      blocks.push({ kind: 'table', line: lineNo, header, rows });
      i = j;
      continue;
    }
    if (NOT_BLANK.test(line)) blocks.push({ kind: 'text', line: lineNo, text: line });
    i++;
  }
  return blocks;
}

/** Markdown-ish lines that meet every rule of the scanner: fences of several kinds and indents, headings, tables, blanks. */
const PIECES = [
  '```',
  '```json',
  '~~~',
  '````',
  '# H',
  '## Request Template',
  '### 200 OK',
  '| a | b |',
  '|---|---|',
  '| x | y |',
  'text',
  '  ```  ',
  '   ```',
  '    ```',
  ' ',
  '',
  '\t',
  '{',
  '}',
  '| c |',
  '--|--',
  '\u00a0```',
  '```\u00a0',
  '``` ```',
  '#',
  '#x',
  '####### seven',
];
const documents = fc
  .tuple(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.boolean())
  .map(([lines, newline]) => lines.join('\n') + (newline ? '\n' : ''));

describe('scanBlocks', () => {
  it('finds the blocks the line-by-line reference finds, from any starting line', () => {
    fc.assert(
      fc.property(documents, fc.nat(3), (text, skip) => {
        const lines = text.split('\n');
        const first = Math.min(skip, lines.length - 1);
        const from = lines.slice(0, first).reduce((offset, l) => offset + l.length + 1, 0);
        expect(scanBlocks(text, from, first + 1), JSON.stringify(text)).toEqual(
          referenceScan(lines.slice(first), first + 1),
        );
      }),
      { numRuns: 5000, seed: 20261123 },
    );
  });
});
