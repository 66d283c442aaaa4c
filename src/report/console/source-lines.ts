import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SourceFile } from '../../core/source.js';

/**
 * Lines of card files, read once each; a file that cannot be read gives no
 * line (the location is still printed). CRLF ends a line; a BOM or a lone CR
 * is kept, as the console has always shown them.
 */
export function createSourceLines(cwd: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, SourceFile | undefined>();
  return (file, line) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, new SourceFile(file, readFileSync(path.resolve(cwd, file), 'utf8').replace(/\r\n/g, '\n')));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file)?.lineText(line);
  };
}
