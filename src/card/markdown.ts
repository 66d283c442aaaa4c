/**
 * The few markdown structures cards use, each with the line it starts on.
 * Fenced code is opaque: a `#` or `|` inside a fence is not a heading or table.
 */
export type Block =
  | { kind: 'heading'; level: number; text: string; line: number }
  | { kind: 'fence'; lang: string; content: string; line: number; contentLine: number; closed: boolean }
  | { kind: 'table'; line: number; header: TableRow; rows: TableRow[] }
  | { kind: 'text'; line: number; text: string };

export interface TableRow {
  line: number;
  cells: string[];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
/** Same as `line.trim() !== ''`, without making the trimmed copy. */
const NOT_BLANK = /\S/;
const DELIMITER_ROW = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** FENCE can only match when a ` or ~ is among the first four characters. */
function mayOpenFence(line: string): boolean {
  for (let k = 0; k < 4; k++) {
    const c = line.charCodeAt(k);
    if (c === 96 || c === 126) return true;
  }
  return false;
}

/** Scan `lines`, whose first element is file line `firstLine`. */
export function scanBlocks(lines: string[], firstLine: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const lineNo = firstLine + i;
    // Cheap checks first: most lines are neither fences nor headings.
    const fence = mayOpenFence(line) ? FENCE.exec(line) : null;
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
      blocks.push({ kind: 'fence', lang: (fence[2] ?? '').toLowerCase(), content: lines.slice(i + 1, j).join('\n'), line: lineNo, contentLine: lineNo + 1, closed });
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

/** Split a table row on unescaped pipes that are not inside `code spans`. */
export function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  let inCode = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '`') {
      inCode = !inCode;
      cur += ch;
    } else if (ch === '|' && !inCode) {
      cells.push(cur.trim());
      cur = '';
    } else {
      cur += ch;
    }
  }
  cells.push(cur.trim());
  return cells;
}
