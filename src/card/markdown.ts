/**
 * The few markdown structures cards use, each with the line it starts on.
 * Fenced code is opaque: a `#` or `|` inside a fence is not a heading or table.
 */
export type Block =
  | { kind: 'heading'; level: number; text: string; line: number }
  | { kind: 'fence'; lang: string; content: string; line: number; contentLine: number; closed: boolean }
  | { kind: 'table'; line: number; header: TableRow; rows: TableRow[] }
  | { kind: 'text'; line: number; text: string };

export type Fence = Extract<Block, { kind: 'fence' }>;

/** The lines of the text blocks among `blocks`, each with its line in the file. */
export function textLines(blocks: readonly Block[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (const b of blocks) {
    if (b.kind !== 'text') continue;
    const texts = b.text.split('\n');
    for (let i = 0; i < texts.length; i++) out.push({ text: texts[i] as string, line: b.line + i });
  }
  return out;
}

/**
 * A JSON block: a fence tagged `json`, or an untagged one whose content starts
 * with `{` (and `[`, where a list may stand alone, as an example body).
 */
export function isJsonFence(b: Block, opts: { lists?: boolean } = {}): b is Fence {
  if (b.kind !== 'fence') return false;
  return b.lang === 'json' || (b.lang === '' && (opts.lists ? /^\s*[{[]/ : /^\s*\{/).test(b.content));
}

export interface TableRow {
  line: number;
  cells: string[];
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
/** Same as `line.trim() !== ''`, without making the trimmed copy. */
const NOT_BLANK = /\S/;
const DELIMITER_ROW = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** FENCE can only match when a ` or ~ is among the first four characters of the line at `start`. */
function mayOpenFence(text: string, start: number, end: number): boolean {
  for (let k = start; k < start + 4 && k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 96 || c === 126) return true;
  }
  return false;
}

/**
 * Whether the line `text[start, end)` closes a fence opened with `marker`:
 * trimmed, it starts with the marker and has only backticks and tildes.
 */
function closesFence(text: string, start: number, end: number, marker: string): boolean {
  const l = text.slice(start, end).trim();
  return l.startsWith(marker) && l.replace(/[`~]/g, '') === '';
}

/** End of the line that starts at `start`: the offset of its newline, or the text's length. */
function lineEnd(text: string, start: number): number {
  const nl = text.indexOf('\n', start);
  return nl === -1 ? text.length : nl;
}

/**
 * Scan `text` from offset `from` (the start of file line `firstLine`) to its
 * end. Lines are read in place: only the lines that become blocks are copied
 * out, and a fence's content is one slice of the text.
 */
export function scanBlocks(text: string, from: number, firstLine: number): Block[] {
  const scanner = new BlockScanner(text, from, firstLine);
  let more = true;
  while (more) more = scanner.step();
  return scanner.blocks;
}

/** The scan's state: the line it is at (offset and number) and the blocks found so far. */
class BlockScanner {
  readonly blocks: Block[] = [];
  private start: number;
  private lineNo: number;
  /** The next | at or after some line start, looked up once and kept until the scan passes it (a search per line would be quadratic). */
  private pipeAt: number;

  constructor(
    private readonly text: string,
    from: number,
    firstLine: number,
  ) {
    this.start = from;
    this.lineNo = firstLine;
    this.pipeAt = text.indexOf('|', from);
  }

  /** Read the block that starts at the current line; false when the text has ended. */
  step(): boolean {
    const { text, start } = this;
    const end = lineEnd(text, start);
    // Cheap checks first: most lines are neither fences nor headings.
    const fence = mayOpenFence(text, start, end) ? FENCE.exec(text.slice(start, end)) : null;
    if (fence) return this.fence(fence, end);
    if (text.charCodeAt(start) === 35) {
      const heading = HEADING.exec(text.slice(start, end));
      if (heading) {
        this.blocks.push({
          kind: 'heading',
          level: (heading[1] ?? '#').length,
          text: heading[2] ?? '',
          line: this.lineNo,
        });
        return this.nextLine(end);
      }
    }
    if (this.startsTable(end)) return this.table(end);
    if (hasNonBlank(text, start, end))
      this.blocks.push({ kind: 'text', line: this.lineNo, text: text.slice(start, end) });
    return this.nextLine(end);
  }

  /** Move to the line after the one ending at `end`; false when there is none. */
  private nextLine(end: number): boolean {
    if (end === this.text.length) return false;
    this.start = end + 1;
    this.lineNo++;
    return true;
  }

  /** The fence opened on the current line (ending at `end`), up to its closing line or the end of the text. */
  private fence(fence: RegExpExecArray, end: number): boolean {
    const text = this.text;
    const next = end + 1;
    const marker = fence[1] ?? '```';
    const contentStart = Math.min(next, text.length);
    let closeStart = -1;
    let j = contentStart;
    let jLine = this.lineNo + 1;
    // Only lines that hold the marker can close the fence: the next place it occurs is looked up
    // once and kept until the scan passes it, so the lines in between are not copied out.
    let markerAt = text.indexOf(marker, j);
    while (next <= text.length && j <= text.length) {
      const jEnd = lineEnd(text, j);
      if (markerAt !== -1 && markerAt < j) markerAt = text.indexOf(marker, j);
      if (markerAt !== -1 && markerAt < jEnd && closesFence(text, j, jEnd, marker)) {
        closeStart = j;
        break;
      }
      if (jEnd === text.length) break;
      j = jEnd + 1;
      jLine++;
    }
    const closed = closeStart >= 0;
    const content = closed
      ? closeStart > contentStart
        ? text.slice(contentStart, closeStart - 1)
        : ''
      : text.slice(contentStart);
    const line = this.lineNo;
    this.blocks.push({
      kind: 'fence',
      lang: (fence[2] ?? '').toLowerCase(),
      content,
      line,
      contentLine: line + 1,
      closed,
    });
    if (!closed) return false;
    const closeEnd = lineEnd(text, closeStart);
    if (closeEnd === text.length) return false;
    this.start = closeEnd + 1;
    this.lineNo = jLine + 1;
    return true;
  }

  /** Whether the current line (ending at `end`) holds a | and the next line is a table's delimiter row. */
  private startsTable(end: number): boolean {
    const text = this.text;
    if (this.pipeAt !== -1 && this.pipeAt < this.start) this.pipeAt = text.indexOf('|', this.start);
    const next = end + 1;
    return (
      this.pipeAt !== -1 &&
      this.pipeAt < end &&
      next <= text.length &&
      DELIMITER_ROW.test(text.slice(next, lineEnd(text, next)))
    );
  }

  /** The table whose header is the current line (ending at `end`): its rows run until a line without a | or a blank one. */
  private table(end: number): boolean {
    const text = this.text;
    const next = end + 1;
    const header: TableRow = { line: this.lineNo, cells: splitRow(text.slice(this.start, end)) };
    const rows: TableRow[] = [];
    let rowStart = lineEnd(text, next) + 1;
    let rowLine = this.lineNo + 2;
    while (rowStart <= text.length) {
      const rowEnd = lineEnd(text, rowStart);
      const row = text.slice(rowStart, rowEnd);
      if (!row.includes('|') || !NOT_BLANK.test(row)) break;
      rows.push({ line: rowLine, cells: splitRow(row) });
      rowStart = rowEnd + 1;
      rowLine++;
    }
    this.blocks.push({ kind: 'table', line: this.lineNo, header, rows });
    if (rowStart > text.length) return false;
    this.start = rowStart;
    this.lineNo = rowLine;
    return true;
  }
}

/** Same as NOT_BLANK.test(text.slice(start, end)) for the common characters, without the copy. */
function hasNonBlank(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c > 32 && c < 127) return true;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12) return NOT_BLANK.test(text.slice(k, end));
  }
  return false;
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
