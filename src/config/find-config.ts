import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/** The config file names cardcheck looks for, in the order they are listed in messages. */
export const CONFIG_NAMES = ['cardcheck.config.yaml', 'cardcheck.config.yml', 'cardcheck.config.json'] as const;

/** What the search upward found: one config file, none, or two in one folder (an error naming both). */
export type FoundConfig =
  | { kind: 'found'; file: string }
  | { kind: 'none'; searched: string; stoppedAt: string }
  | { kind: 'ambiguous'; dir: string; files: string[] };

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The config as Playwright, Vitest and ESLint users expect: `cardcheck.config.yaml`,
 * `.yml` or `.json` in the working directory or the nearest folder above it, up
 * to the repository root (a folder holding `.git`) or the filesystem root.
 */
export function findConfig(cwd: string): FoundConfig {
  let dir = path.resolve(cwd);
  for (;;) {
    const files = CONFIG_NAMES.map((n) => path.join(dir, n)).filter(isFile);
    if (files.length > 1) return { kind: 'ambiguous', dir, files };
    if (files[0]) return { kind: 'found', file: files[0] };
    const parent = path.dirname(dir);
    if (existsSync(path.join(dir, '.git')) || parent === dir)
      return { kind: 'none', searched: path.resolve(cwd), stoppedAt: dir };
    dir = parent;
  }
}

/**
 * The folder a project's state lives in (`.cardcheck/`, `reports/`, the default `specs/`):
 * the config file's folder, else the working directory.
 */
export function projectRoot(cwd: string, configFile: string | undefined): string {
  if (configFile) return path.dirname(path.resolve(cwd, configFile));
  const found = findConfig(cwd);
  return found.kind === 'found' ? path.dirname(found.file) : path.resolve(cwd);
}

/** A path as shown to the user: relative to the working directory, forward slashes, `.` for itself. */
export function shownPath(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || '.';
}
