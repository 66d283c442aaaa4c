import { existsSync } from 'node:fs';
import path from 'node:path';
import { CardcheckError } from '../core/errors.js';
import type { FoundConfig } from './find-config.js';
import { CONFIG_NAMES, findConfig, shownPath } from './find-config.js';

/** Where cleanup journals are kept, relative to the project root. */
const LEDGER = '.cardcheck/ledger';

/**
 * A project's places, found from the working directory: the config file (given
 * with --config or found upward) and the folders that live beside it — the
 * default cards folder `specs/`, `reports/` and `.cardcheck/ledger` — so a run
 * from any subfolder reads and writes the same ones.
 */
export interface ProjectPaths {
  /** The folder of the config file, else the working directory. */
  root: string;
  /** The config file, absolute: --config, or the one found upward. */
  configFile?: string;
  found: FoundConfig | undefined;
  /** Default cards folder, as shown (relative to cwd). */
  specs: string;
  /** Default --out, as shown (relative to cwd). */
  reports: string;
  /** Cleanup journals, absolute. */
  ledgerDir: string;
  /** The `.env` beside the config file, when there is one (the default --env-file). */
  envFile?: string;
}

export function projectPaths(cwd: string, configFlag: string | undefined): ProjectPaths {
  const found = configFlag ? undefined : findConfig(cwd);
  const configFile = configFlag ? path.resolve(cwd, configFlag) : found?.kind === 'found' ? found.file : undefined;
  const root = configFile ? path.dirname(configFile) : path.resolve(cwd);
  return {
    root,
    configFile,
    found,
    specs: shownPath(cwd, path.join(root, 'specs')),
    reports: shownPath(cwd, path.join(root, 'reports')),
    ledgerDir: path.join(root, LEDGER),
    ...(existsSync(path.join(root, '.env')) ? { envFile: path.join(root, '.env') } : {}),
  };
}

/**
 * `cardcheck run` without a config file and without --target: cards are not sent
 * to the bundled demo sandbox by surprise. Exit 2, saying how to name a target.
 */
export function noTargetError(found: FoundConfig | undefined): CardcheckError | undefined {
  if (found?.kind !== 'none') return undefined;
  const where = found.stoppedAt === found.searched ? 'this folder' : 'this folder or any folder above it';
  return new CardcheckError(
    'target-unknown',
    [
      `no target: there is no ${CONFIG_NAMES.join(' / ')} in ${where} (searched up to ${found.stoppedAt}), so cardcheck does not know where to send the cards. Either:`,
      '  cardcheck init                   write a config for your API (base URL, auth) and a first card',
      '  cardcheck run --target URL       send the cards to the API at URL',
      '  cardcheck run --target sandbox   try the cards against the embedded demo sandbox',
    ].join('\n'),
  );
}
