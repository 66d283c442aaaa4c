/** Card text normalised for parsing: no BOM, LF line endings, same line numbers. */
export interface SourceText {
  text: string;
  lines: string[];
}

export function decodeSource(input: string | Uint8Array): SourceText {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  return { text, lines: text.split('\n') };
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
