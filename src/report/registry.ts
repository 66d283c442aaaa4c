import { CardcheckError } from '../core/errors.js';
import { didYouMean } from '../util/did-you-mean.js';
import { createConsoleReporter } from './console/console-reporter.js';
import type { ReporterSet } from './fan-out.js';
import { fanOut } from './fan-out.js';
import { createGithubReporter } from './github/github-reporter.js';
import { createHtmlReporter } from './html/html-reporter.js';
import { createJsonReporter } from './json/json-reporter.js';
import { createJunitReporter } from './junit/junit-reporter.js';
import type { ReporterContext, ReporterFactory } from './reporter.js';

/** Every reporter by the name `--reporter` takes. */
export const REPORTERS: Readonly<Record<string, ReporterFactory>> = {
  console: createConsoleReporter,
  json: createJsonReporter,
  junit: createJunitReporter,
  html: createHtmlReporter,
  github: createGithubReporter,
};

export type ReporterOptions = ReporterContext;

/** `console,json`, plus `github` when running in GitHub Actions. */
export function defaultReporterNames(
  env: NodeJS.ProcessEnv,
  base: readonly string[] = ['console', 'json', 'html'],
): string[] {
  return env.GITHUB_ACTIONS ? [...base, 'github'] : [...base];
}

/** Names as given (trimmed, duplicates dropped), or an error naming the unknown one with a suggestion. */
export function checkReporterNames(names: readonly string[]): string[] {
  const known = Object.keys(REPORTERS);
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    if (!(name in REPORTERS)) {
      const guess = didYouMean(name, known);
      throw new CardcheckError(
        'reporter-unknown',
        `unknown reporter "${name}"${guess ? `; did you mean "${guess}"?` : ''} (reporters: ${known.join(', ')})`,
      );
    }
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * The reporters named, behind one fan-out: feed it the run's events, then
 * `finish` with the result. A reporter that throws is contained and its
 * error returned from `finish`, for the caller to fail the run. A run that
 * fails before `finish` calls `dispose`.
 */
export function createReporters(names: string[], options: ReporterOptions): ReporterSet {
  const reporters = checkReporterNames(names).map((n) => (REPORTERS[n] as ReporterFactory)(options));
  // A streamed run's cards wait for the reports beside them, in the reports folder (writable, on disk, not in memory).
  return fanOut(reporters, options.cwd, { spoolDir: options.outDir });
}
