import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

const CARD_EXTENSIONS = new Set(['.md', '.txt']);

export interface DiscoverResult {
  /** Card files, sorted, as paths relative to cwd with forward slashes. */
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
}

export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel.startsWith('..') ? path.resolve(cwd, file) : rel).split(path.sep).join('/');
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    // README.md files inside specs folders are documentation, not cards.
    else if (CARD_EXTENSIONS.has(path.extname(e.name).toLowerCase()) && e.name.toLowerCase() !== 'readme.md')
      out.push(full);
  }
}

/** Files named directly are taken as cards whatever their extension; folders and globs yield .md and .txt files. */
export async function discoverCards(paths: string[], cwd: string): Promise<DiscoverResult> {
  const found: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    // Globs (quoted so the shell leaves them alone): `specs/**/token-*.md`.
    if (isDynamicPattern(p)) {
      const matched = await glob(p, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
      const cards = matched.filter(
        (f) => CARD_EXTENSIONS.has(path.extname(f).toLowerCase()) && path.basename(f).toLowerCase() !== 'readme.md',
      );
      if (cards.length === 0) missing.push(p);
      found.push(...cards);
      continue;
    }
    const full = path.resolve(cwd, p);
    const info = await stat(full).catch(() => undefined);
    if (!info) missing.push(p);
    else if (info.isDirectory()) await walk(full, found);
    else found.push(full);
  }
  const files = [...new Set(found.map((f) => displayPath(cwd, f)))].sort();
  return { files, missing };
}
