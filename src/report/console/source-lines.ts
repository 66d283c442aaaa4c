import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceFile } from '../../core/source.js';

/**
 * Lines of card files; a file that cannot be read gives no line (the location
 * is still printed). Only the last file read is kept (a card's locations are
 * all in its own file), so a long run with many failures holds no card texts.
 * CRLF ends a line; a BOM or a lone CR is kept, as the console has always shown them.
 */
export function createSourceLines(cwd: string): (file: string, line: number) => string | undefined {
  let last: { file: string; source: SourceFile | undefined } | undefined;
  return (file, line) => {
    if (last?.file !== file) {
      let source: SourceFile | undefined;
      try {
        source = new SourceFile(file, readFileSync(path.resolve(cwd, file), 'utf8').replace(/\r\n/g, '\n'));
      } catch {
        source = undefined;
      }
      last = { file, source };
    }
    return last.source?.lineText(line);
  };
}
