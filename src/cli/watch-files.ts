import type { FSWatcher } from 'node:fs';
import { existsSync, statSync, watch } from 'node:fs';
import path from 'node:path';

/** How long a burst of events must be quiet before it counts as one save (editors write a file in several steps). */
export const SAVE_QUIET_MS = 150;

export interface FileWatch {
  close(): void;
}

/** Files a save of which matters: cards (`.md`, `.txt`), the config, JSON schemas cards `$ref`. */
const WATCHED = /\.(md|txt|ya?ml|json)$/i;

/**
 * Watch card folders and files (recursively, with `node:fs.watch`, which
 * Node 20 supports on Linux, macOS and Windows) and the given extra files.
 * Events are gathered until none came for SAVE_QUIET_MS, then `onSave` gets
 * the changed files, relative to `cwd` with forward slashes, sorted. A path
 * that does not exist is not watched (the run reports it missing); files
 * under `ignore` (the reports folder) are not saves.
 */
export function watchFiles(
  cwd: string,
  paths: readonly string[],
  extra: readonly string[],
  onSave: (files: string[]) => void,
  ignore: readonly string[] = [],
): FileWatch {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  // What the run itself writes (its reports, the journal) is not a save: it would start a pass after each pass.
  const ignored = ignore.map((d) => path.resolve(cwd, d) + path.sep);
  const note = (abs: string) => {
    if (!WATCHED.test(abs) || abs.split(path.sep).some((part) => part === 'node_modules' || part === '.cardcheck'))
      return;
    if (ignored.some((d) => abs.startsWith(d))) return;
    changed.add(path.relative(cwd, abs).split(path.sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].sort();
      changed.clear();
      onSave(files);
    }, SAVE_QUIET_MS);
  };
  const watchers: FSWatcher[] = [];
  const dirs = new Map<string, Set<string> | 'all'>();
  for (const p of [...paths, ...extra]) {
    const abs = path.resolve(cwd, p);
    if (!existsSync(abs)) continue;
    if (statSync(abs).isDirectory()) dirs.set(abs, 'all');
    else {
      // A file is watched through its folder: editors replace it by a rename, which ends a watch on the file itself.
      const dir = path.dirname(abs);
      const names = dirs.get(dir);
      if (names !== 'all') dirs.set(dir, new Set([...(names ?? []), path.basename(abs)]));
    }
  }
  for (const [dir, names] of dirs) {
    const recursive = names === 'all';
    const w = watch(dir, { recursive }, (_event, name) => {
      if (!name) return;
      const rel = name.toString();
      if (names === 'all' || names.has(rel)) note(path.join(dir, rel));
    });
    // A watched folder removed: nothing more comes from it; the next run reports its cards missing.
    w.on('error', () => w.close());
    watchers.push(w);
  }
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
