import { Buffer, isUtf8 } from 'node:buffer';
import { firstInvalidUtf8 } from '../util/utf8.js';

/** Card text normalised for parsing: no BOM, LF line endings, same line numbers. */
export interface SourceText {
  text: string;
  /** The first byte that is not UTF-8: its value, line and column (in characters of the decoded line). */
  invalidUtf8?: { byte: number; line: number; column: number };
}

const decoder = new TextDecoder('utf-8');

/**
 * Line and column of the byte at `offset`, as decodeSource numbers them: CRLF
 * and a lone CR end a line too, and the column counts characters of the
 * decoded line (the bytes before `offset` are valid UTF-8), so the caret lands
 * under the bad byte even when accented letters come before it.
 */
function locateByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) {
      line++;
      start = i + 1;
    }
  }
  // TextDecoder drops one leading BOM; decodeSource drops a second one.
  let prefix = decoder.decode(bytes.subarray(start, offset));
  if (start === 0 && prefix.charCodeAt(0) === 0xfeff) prefix = prefix.slice(1);
  return { line, column: prefix.length + 1 };
}

export function decodeSource(input: string | Uint8Array): SourceText {
  let invalidUtf8: SourceText['invalidUtf8'];
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else if (isUtf8(input)) {
    // Valid UTF-8 (nearly every card): Buffer's native decoder is much faster
    // than TextDecoder and gives the same text, except that TextDecoder drops
    // a leading BOM, which is done here.
    text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  } else {
    const bad = firstInvalidUtf8(input);
    if (bad >= 0) invalidUtf8 = { byte: input[bad] ?? 0, ...locateByte(input, bad) };
    text = decoder.decode(input);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, invalidUtf8 };
}

/**
 * Line `line` (1-based) of LF-separated `text`, or undefined past its end or
 * when there is no text (an empty or unreadable file has nothing to show).
 * The lines are not split out.
 */
export function sourceLine(text: string, line: number): string | undefined {
  if (line < 1 || text === '') return undefined;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end);
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
