import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Lines of card files, read once each; a file that cannot be read gives no
 * line (the location is still printed).
 */
export function createSourceLines(cwd: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file, line) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(path.resolve(cwd, file), 'utf8').split(/\r?\n/));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file)?.[line - 1];
  };
}
