import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../util/utf8.js';
import { decodeSource, SourceFile, sourceLine } from './source.js';

/** The reference: count line breaks one character at a time. */
function naivePosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The reference for the invalid-UTF-8 position: the byte loop decodeSource
 * used before the source model (CRLF and a lone CR end a line; the column
 * counts the characters TextDecoder gives for the line up to the bad byte).
 */
function naiveByteLocation(bytes: Uint8Array, offset: number): { line: number; column: number } {
  const decoder = new TextDecoder('utf-8');
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) {
      line++;
      start = i + 1;
    }
  }
  let prefix = decoder.decode(bytes.subarray(start, offset));
  if (start === 0 && prefix.charCodeAt(0) === 0xfeff) prefix = prefix.slice(1);
  return { line, column: prefix.length + 1 };
}

const textWithLines = fc
  .array(fc.constantFrom('a', 'é', '\n', ' ', '{', '\t', '😀'), { maxLength: 60 })
  .map((cs) => cs.join(''));

describe('SourceFile.positionAt', () => {
  const source = new SourceFile('c.md', 'ab\ncd\n\nef');

  it('gives 1-based lines and columns at line starts and ends', () => {
    expect(source.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(source.positionAt(1)).toEqual({ line: 1, column: 2 });
    // A line break belongs to the line it ends.
    expect(source.positionAt(2)).toEqual({ line: 1, column: 3 });
    expect(source.positionAt(3)).toEqual({ line: 2, column: 1 });
    expect(source.positionAt(6)).toEqual({ line: 3, column: 1 });
    expect(source.positionAt(7)).toEqual({ line: 4, column: 1 });
    expect(source.positionAt(8)).toEqual({ line: 4, column: 2 });
  });

  it('stays on the last line past the end, its column counting on', () => {
    expect(source.positionAt(9)).toEqual({ line: 4, column: 3 });
    expect(source.positionAt(12)).toEqual({ line: 4, column: 6 });
    expect(new SourceFile('c.md', 'a\n').positionAt(5)).toEqual({ line: 2, column: 4 });
  });

  it('answers for an empty text', () => {
    const empty = new SourceFile('c.md', '');
    expect(empty.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(empty.positionAt(3)).toEqual({ line: 1, column: 4 });
  });

  it('answers questions in any order', () => {
    const s = new SourceFile('c.md', 'one\ntwo\nthree\nfour');
    expect(s.positionAt(15)).toEqual({ line: 4, column: 2 });
    expect(s.positionAt(4)).toEqual({ line: 2, column: 1 });
    expect(s.lineText(3)).toBe('three');
    expect(s.positionAt(9)).toEqual({ line: 3, column: 2 });
  });

  it('places a piece of a file where it starts: columns shift on its first line only', () => {
    const cell = new SourceFile('c.md', 'x {{a}}\ny {{b}}', { line: 7, column: 5 });
    expect(cell.positionAt(2)).toEqual({ line: 7, column: 7 });
    expect(cell.positionAt(10)).toEqual({ line: 8, column: 3 });
    expect(cell.lineText(8)).toBe('y {{b}}');
    expect(cell.lineText(6)).toBeUndefined();
  });

  it('gives the start and end of a span', () => {
    expect(source.rangeOf({ start: 1, end: 4 })).toEqual({
      start: { line: 1, column: 2 },
      end: { line: 2, column: 2 },
    });
  });

  it('numbers lines of decoded CRLF and CR text as the file shows them', () => {
    const { text } = decodeSource(new TextEncoder().encode('\ufeffa\r\nb\rc\n'));
    const s = new SourceFile('c.md', text);
    expect(text).toBe('a\nb\nc\n');
    expect(s.positionAt(text.indexOf('c'))).toEqual({ line: 3, column: 1 });
    expect(s.lineText(2)).toBe('b');
  });

  it('agrees with a character-by-character count, whatever was asked before', () => {
    fc.assert(
      fc.property(textWithLines, fc.array(fc.integer({ min: -2, max: 70 }), { maxLength: 8 }), (text, offsets) => {
        const s = new SourceFile('c.md', text);
        for (const offset of offsets) expect(s.positionAt(offset)).toEqual(naivePosition(text, offset));
      }),
    );
  });
});

describe('SourceFile.lineText and sourceLine', () => {
  it('gives each line without its line break, undefined past the end', () => {
    const s = new SourceFile('c.md', 'ab\n\ncd\n');
    expect([0, 1, 2, 3, 4, 5].map((n) => s.lineText(n))).toEqual([undefined, 'ab', '', 'cd', '', undefined]);
  });

  it('has one empty line in an empty text; sourceLine shows nothing for it', () => {
    expect(new SourceFile('c.md', '').lineText(1)).toBe('');
    expect(sourceLine('', 1)).toBeUndefined();
    expect(sourceLine('a\nb', 2)).toBe('b');
  });

  it('agrees with splitting the text into lines', () => {
    fc.assert(
      fc.property(textWithLines, fc.integer({ min: -1, max: 30 }), (text, line) => {
        const lines = text.split('\n');
        expect(new SourceFile('c.md', text).lineText(line)).toBe(line >= 1 ? lines[line - 1] : undefined);
      }),
    );
  });
});

describe('decodeSource', () => {
  it('drops a BOM from text, up to two from bytes, and turns CRLF and CR into LF', () => {
    expect(decodeSource('\ufeff\ufeffa\r\nb\rc').text).toBe('\ufeffa\nb\nc');
    expect(decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61, 0x0d])).text).toBe('a\n');
  });

  it('locates the first invalid byte as the byte-by-byte count did', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        [0x0a],
        [0x0d],
        [0x0d, 0x0a],
        [0x61],
        [0xc3, 0xa9],
        [0xef, 0xbb, 0xbf],
        [0xf0, 0x9f, 0x98, 0x80],
        [0xe9],
        [0xff],
        [0xed, 0xa0, 0x80],
      ),
      fc.integer({ min: 0, max: 255 }).map((b) => [b]),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const bytes = new Uint8Array(pieces.flat());
        const decoded = decodeSource(bytes);
        const expected = new TextDecoder()
          .decode(bytes)
          .replace(/^\ufeff/, '')
          .replace(/\r\n?/g, '\n');
        expect(decoded.text).toBe(expected);
        const bad = firstInvalidUtf8(bytes);
        expect(decoded.invalidUtf8).toEqual(
          bad < 0 ? undefined : { byte: bytes[bad], ...naiveByteLocation(bytes, bad) },
        );
      }),
      { numRuns: 2000 },
    );
  });
});
