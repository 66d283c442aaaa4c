import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pMap from 'p-map';
import type { DiscoverResult } from '../card/discover.js';
import { discoverCards } from '../card/discover.js';
import { parseCard } from '../card/parse-card.js';
import { findConfig, shownPath } from '../config/find-config.js';
import { defaultConfig, parseConfig } from '../config/load-config.js';
import type { Config, FolderConfig } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { decodeSource } from '../core/source.js';
import type { LoadedCard } from '../plan/plan-run.js';
import { resolveSchemaRefs } from './resolve-schema-refs.js';

export interface Project {
  config: Config;
  configDiagnostics: Diagnostic[];
  cards: LoadedCard[];
  /** Paths given that do not exist. */
  missing: string[];
}

export interface LoadProjectOptions {
  cwd: string;
  paths: string[];
  /** A config file; else cardcheck.config.yaml/.yml/.json in cwd or the nearest folder above (to the repo root). */
  configFile?: string;
  /** A config object instead of a file (programmatic use). */
  config?: Config;
  /** The config and card files when the caller has them already (the run decides lean planning from the count). */
  found?: ProjectFiles;
}

/** The config, and the card files found for the paths. */
export interface ProjectFiles {
  config: Config;
  diagnostics: Diagnostic[];
  discovered: DiscoverResult;
}

/** Read the config and find the card files, reading no card. */
export async function findProjectFiles(opts: LoadProjectOptions): Promise<ProjectFiles> {
  const { config, diagnostics } = opts.config
    ? { config: opts.config, diagnostics: [] }
    : await loadConfig(opts.cwd, opts.configFile);
  const discovered = await discoverCards(opts.paths, opts.cwd, projectDir(config, opts.cwd));
  return { config, diagnostics, discovered };
}

export async function loadConfig(
  cwd: string,
  configFile: string | undefined,
): Promise<{ config: Config; diagnostics: Diagnostic[] }> {
  let file: string;
  if (configFile) file = path.resolve(cwd, configFile);
  else {
    const found = findConfig(cwd);
    if (found.kind === 'none') return { config: defaultConfig(), diagnostics: [] };
    if (found.kind === 'ambiguous')
      return { config: defaultConfig(), diagnostics: [ambiguousConfig(cwd, found.files)] };
    file = found.file;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {
      config: defaultConfig(),
      diagnostics: [
        {
          ruleId: 'config-missing',
          severity: 'error',
          file: shownPath(cwd, file),
          line: 1,
          column: 1,
          message: 'the config file does not exist or cannot be read',
          hint: 'Check the path, or drop --config to use the cardcheck.config.yaml (.yml, .json) found in this folder or above.',
        },
      ],
    };
  }
  const { config, diagnostics } = parseConfig(text, shownPath(cwd, file));
  config.file = file;
  return { config, diagnostics };
}

/** Two config files in one folder: neither is read, and the error names both. */
function ambiguousConfig(cwd: string, files: string[]): Diagnostic {
  const [first, ...rest] = files.map((f) => shownPath(cwd, f));
  return {
    ruleId: 'config-ambiguous',
    severity: 'error',
    file: first ?? '',
    line: 1,
    column: 1,
    message: `two config files in one folder: ${[first, ...rest].join(' and ')}; cardcheck reads neither`,
    hint: 'Keep one of them (merge the settings into it) and delete the other, or name one with --config.',
  };
}

/** The project's folder: the config file's, else the working directory. */
export function projectDir(config: Config, cwd: string): string {
  return config.file ? path.dirname(config.file) : path.resolve(cwd);
}

/** The settings of the deepest configured folder that contains the card. */
export function folderOf(config: Config, configDir: string, cwd: string, file: string): FolderConfig | undefined {
  const rel = path.relative(configDir, path.resolve(cwd, file)).split(path.sep).join('/');
  let best: { len: number; f: FolderConfig } | undefined;
  for (const [folder, f] of Object.entries(config.folders)) {
    const inside = folder === '.' || rel === folder || rel.startsWith(`${folder}/`);
    if (inside && (!best || folder.length > best.len)) best = { len: folder === '.' ? 0 : folder.length, f };
  }
  return best?.f;
}

/**
 * A card file read at once. readFileSync of a small file is one system call of each kind on this thread; the
 * callback readFile (faster than fs/promises on Node 20) queues four round trips through the thread pool, which a
 * CPU profile of a 1,000-card run showed as 0.17 ms of this thread's time per card (open, fstat, read, close).
 * Cards are read before anything else runs, so blocking here holds nothing up.
 */
export const readSmallFile = async (file: string): Promise<Uint8Array> => readFileSync(file);

/** A card's text as parsing decodes it (no BOM, LF endings), for showing its lines; '' when it cannot be read. */
export async function readCardText(cwd: string, file: string): Promise<string> {
  try {
    return decodeSource(await readSmallFile(path.resolve(cwd, file))).text;
  } catch {
    return '';
  }
}

/** Card files read at once. */
export const OPEN_FILES = 64;

export async function loadCard(cwd: string, file: string, onBytes?: (bytes: Uint8Array) => void): Promise<LoadedCard> {
  try {
    const bytes = await readSmallFile(path.resolve(cwd, file));
    onBytes?.(bytes);
    return { file, ...parseCard(bytes, file) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      file,
      text: '',
      unclosedFences: [],
      diagnostics: [
        {
          ruleId: 'unreadable-card',
          severity: 'error',
          file,
          line: 1,
          column: 1,
          message: `cannot read the file: ${reason}`,
          hint: 'Check the path and its permissions.',
        },
      ],
    };
  }
}

/** A card found in a folder that is a link to a file outside the project: not read, an error at its first line. */
export function outsideCard(file: string, target: string, root: string): LoadedCard {
  return {
    file,
    text: '',
    unclosedFences: [],
    diagnostics: [
      {
        ruleId: 'outside-project',
        severity: 'error',
        file,
        line: 1,
        column: 1,
        message: `this card is a link to ${target}, outside the project (${root}); cardcheck does not read it`,
        hint: 'Copy the card into the project, or name the file on the command line if you mean to run it.',
      },
    ],
  };
}

/** Config, then cards: discovered, parsed, each with its folder's settings. */
export async function loadProject(opts: LoadProjectOptions): Promise<Project> {
  const { config, diagnostics, discovered } = opts.found ?? (await findProjectFiles(opts));
  const configDir = projectDir(config, opts.cwd);
  const { files, missing, outside } = discovered;
  // A bounded number of files open at once: a suite of 100,000 cards read all at once ran out of file handles
  // (EMFILE past the process's limit, 20,000 here) and reported a fifth of its cards unreadable.
  const cards = await pMap(
    files,
    async (f) => ({ ...(await loadCard(opts.cwd, f)), folder: folderOf(config, configDir, opts.cwd, f) }),
    { concurrency: OPEN_FILES },
  );
  for (const o of outside) cards.push({ ...outsideCard(o.file, o.target, configDir), folder: undefined });
  await resolveSchemaRefs(cards, opts.cwd, configDir);
  return { config, configDiagnostics: diagnostics, cards, missing };
}
