import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isInside } from '../util/path-inside.js';

const CARD_EXTENSIONS = new Set(['.md', '.txt']);

export interface DiscoverResult {
  /** Card files, sorted, as paths relative to cwd with forward slashes. */
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
  /** Cards found in a folder or by a glob that are links to files outside the project root: not read. */
  outside: { file: string; target: string }[];
}

export function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  return (rel.startsWith('..') ? path.resolve(cwd, file) : rel).split(path.sep).join('/');
}

async function walk(dir: string, out: string[], links: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out, links);
    // README.md files inside specs folders are documentation, not cards.
    else if (CARD_EXTENSIONS.has(path.extname(e.name).toLowerCase()) && e.name.toLowerCase() !== 'readme.md') {
      out.push(full);
      if (e.isSymbolicLink()) links.push(full);
    }
  }
}

/** The links among `candidates` whose target is outside `root` (links followed to the end). */
async function linksOutside(candidates: string[], root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const realRoot = await realpath(root).catch(() => root);
  for (const f of candidates) {
    const target = await realpath(f).catch(() => f);
    if (!isInside(target, realRoot)) out.set(f, target);
  }
  return out;
}

/** Files named directly are taken as cards whatever their extension; folders and globs yield .md and .txt files. */
export async function discoverCards(paths: string[], cwd: string, root = cwd): Promise<DiscoverResult> {
  const found: string[] = [];
  const missing: string[] = [];
  // Files reached through a folder or a glob that may be links (paths named on the command line are taken as given).
  const links: string[] = [];
  for (const p of paths) {
    // Globs (quoted so the shell leaves them alone): `specs/**/token-*.md`.
    if (isDynamicPattern(p)) {
      const matched = await glob(p, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**'] });
      const cards = matched.filter(
        (f) => CARD_EXTENSIONS.has(path.extname(f).toLowerCase()) && path.basename(f).toLowerCase() !== 'readme.md',
      );
      if (cards.length === 0) missing.push(p);
      found.push(...cards);
      links.push(...cards);
      continue;
    }
    const full = path.resolve(cwd, p);
    const info = await stat(full).catch(() => undefined);
    if (!info) missing.push(p);
    else if (info.isDirectory()) await walk(full, found, links);
    else found.push(full);
  }
  const away = await linksOutside(links, root);
  const files = [...new Set(found.filter((f) => !away.has(f)).map((f) => displayPath(cwd, f)))].sort();
  const outside = [...away]
    .map(([f, target]) => ({ file: displayPath(cwd, f), target }))
    .sort((a, b) => a.file.localeCompare(b.file));
  return { files, missing, outside };
}
