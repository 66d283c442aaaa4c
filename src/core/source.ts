import { Buffer, isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from '../util/utf8.js';

/**
 * The source model: a text, and where each of its characters is in the file
 * it came from. Every parser, rule and reporter that turns an offset into a
 * line and column, or shows a line, asks a SourceFile; nothing else in src/
 * counts lines.
 */

/** Where something was found in a card or config file, 1-based. */
export interface SourcePos {
  line: number;
  column: number;
}

/** A stretch of a text by character offsets: `start` included, `end` not. */
export interface Span {
  start: number;
  end: number;
}

/** Where a span starts and ends in the file. */
export interface SourceRange {
  start: SourcePos;
  end: SourcePos;
}

const FILE_START: SourcePos = Object.freeze({ line: 1, column: 1 });

/**
 * A file's decoded text (LF line endings), or a piece of one (a fence's
 * content, a table cell) that starts at `start` in the file.
 *
 * The line index is built on first use and only as far as the questions
 * asked go: a parsed card keeps its text, not its lines, and a card whose
 * first lines are all that is asked about never has the rest indexed.
 */
export class SourceFile {
  readonly path: string;
  readonly text: string;
  private readonly firstLine: number;
  private readonly firstColumn: number;
  /** Offsets where the lines of `text` start, found so far; undefined until first asked. */
  private starts: number[] | undefined = undefined;
  /** Every line break before this offset is in `starts`. */
  private scanned = 0;

  constructor(path: string, text: string, start: SourcePos = FILE_START) {
    this.path = path;
    this.text = text;
    this.firstLine = start.line;
    this.firstColumn = start.column;
  }

  /**
   * The file position of the character at `offset` of the text. An offset
   * past the end stays on the last line, its column counting on; a line break
   * belongs to the line it ends.
   */
  positionAt(offset: number): SourcePos {
    const limit = Math.min(offset, this.text.length);
    const starts = this.index(limit, 0);
    // The last line start at or before `limit`.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= limit) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - (starts[lo] ?? 0) + 1;
    return {
      line: this.firstLine + lo,
      column: lo === 0 ? this.firstColumn + column - 1 : column,
    };
  }

  /** Where `span` starts and ends. */
  rangeOf(span: Span): SourceRange {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /**
   * The text of file line `line`, without its line break, or undefined when
   * the text has no such line. An empty text has one empty line.
   */
  lineText(line: number): string | undefined {
    const n = line - this.firstLine + 1;
    if (n < 1) return undefined;
    const starts = this.index(0, n + 1);
    const start = starts[n - 1];
    if (start === undefined) return undefined;
    const next = starts[n];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }

  /**
   * The line starts, with every line break before `limit` found and at least
   * `lines` lines (when the text has that many).
   */
  private index(limit: number, lines: number): number[] {
    let starts = this.starts;
    if (starts === undefined) {
      starts = [0];
      this.starts = starts;
    }
    const text = this.text;
    let from = this.scanned;
    while (from < text.length && (from < limit || starts.length < lines)) {
      const nl = text.indexOf('\n', from);
      if (nl === -1) {
        from = text.length;
      } else if (nl >= limit && starts.length >= lines) {
        from = nl;
        break;
      } else {
        starts.push(nl + 1);
        from = nl + 1;
      }
    }
    this.scanned = from;
    return starts;
  }
}

/**
 * Line `line` (1-based) of LF-separated `text`, or undefined past its end or
 * when there is no text (an empty or unreadable file has nothing to show).
 */
export function sourceLine(text: string, line: number): string | undefined {
  return text === '' ? undefined : new SourceFile('', text).lineText(line);
}

/** Card text normalised for parsing: no BOM, LF line endings, same line numbers. */
export interface DecodedSource {
  text: string;
  /** The first byte that is not UTF-8: its value, line and column (in characters of the decoded line). */
  invalidUtf8?: { byte: number; line: number; column: number };
}

const decoder = new TextDecoder('utf-8');

/** No BOM (TextDecoder drops one, a second one goes here), LF line endings. */
function normalize(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

/**
 * Line and column of the byte at `bad` (the first byte that is not UTF-8), as
 * the decoded text numbers them: CRLF and a lone CR end a line, and the column
 * counts characters of the decoded line, so the caret lands under the bad
 * byte even when accented letters come before it. The bytes before it are
 * valid UTF-8, so their decoded, normalised text is the start of `text`.
 */
function locateByte(bytes: Uint8Array, bad: number, text: string): SourcePos {
  const before = normalize(decoder.decode(bytes.subarray(0, bad)));
  const pos = new SourceFile('', text).positionAt(before.length);
  // A line after the first that starts with U+FEFF: TextDecoder, decoding from
  // the line start, dropped it as a BOM, so it was never counted; still so.
  const lineStart = before.length - pos.column + 1;
  if (pos.line > 1 && pos.column > 1 && text.charCodeAt(lineStart) === 0xfeff) pos.column--;
  return pos;
}

export function decodeSource(input: string | Uint8Array): DecodedSource {
  if (typeof input === 'string') return { text: normalize(input), invalidUtf8: undefined };
  if (isUtf8(input)) {
    // Valid UTF-8 (nearly every card): Buffer's native decoder is much faster
    // than TextDecoder and gives the same text, except that TextDecoder drops
    // a leading BOM, which is done here.
    let text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text: normalize(text), invalidUtf8: undefined };
  }
  const text = normalize(decoder.decode(input));
  const bad = firstInvalidUtf8(input);
  return { text, invalidUtf8: bad >= 0 ? { byte: input[bad] ?? 0, ...locateByte(input, bad, text) } : undefined };
}
