import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, runCards, SetupError } from '../api/run-cards.js';
import { EnvFileError } from '../api/load-env.js';
import { createConsoleReporter } from '../report/console-reporter.js';
import { formatDiagnostic } from '../report/format-diagnostic.js';
import { toResultsJson } from '../report/json-report.js';
import { EXIT, exitCodeFor } from './exit-code.js';
import { FlagError, parseCount, selectionFrom } from './run-options.js';
import type { SelectionFlags } from './run-options.js';

export interface RunCommandOptions extends SelectionFlags {
  target?: string;
  config?: string;
  envFile?: string;
  seed?: string;
  retries?: string;
  concurrency?: string;
  bail?: string | boolean;
  failOnFlaky?: boolean;
  updateCards?: boolean;
  updateSchemas?: boolean;
  out: string;
}

export interface Io {
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  color: boolean;
}

export async function runCommand(paths: string[], opts: RunCommandOptions, io: Io): Promise<number> {
  const reporter = createConsoleReporter({ write: io.stdout, color: io.color });
  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    io.stderr(`cardcheck: --seed ${opts.seed}: the seed must be a whole number (the one a previous run printed)`);
    return EXIT.errored;
  }
  let result;
  try {
    const select = await selectionFrom(opts, io.cwd);
    const retries = parseCount('--retries', opts.retries, 0);
    const concurrency = parseCount('--concurrency', opts.concurrency, 1);
    const bail = opts.bail === true ? 1 : parseCount('--bail', typeof opts.bail === 'string' ? opts.bail : undefined, 1);
    result = await runCards({ paths: paths.length ? paths : ['specs'], cwd: io.cwd, target: opts.target, configFile: opts.config, envFile: opts.envFile, seed, retries, concurrency, bail, select, updateCards: opts.updateCards, updateSchemas: opts.updateSchemas, onEvent: reporter });
  } catch (err) {
    if (err instanceof FlagError) {
      io.stderr(`cardcheck: ${err.message}`);
      return EXIT.errored;
    }
    if (err instanceof ConfigError) {
      for (const d of err.diagnostics) for (const l of formatDiagnostic(d)) io.stderr(l);
      io.stderr(`cardcheck: ${err.message}; nothing was run`);
      return EXIT.errored;
    }
    if (err instanceof EnvFileError || err instanceof SetupError) {
      io.stderr(`cardcheck: ${err.message}`);
      return EXIT.errored;
    }
    throw err;
  }
  for (const d of result.configDiagnostics) for (const l of formatDiagnostic(d)) io.stderr(l);
  for (const m of result.missing) io.stderr(`cardcheck: ${m}: no such file or folder`);
  if (result.summary.total === 0) io.stderr('cardcheck: no card selected; give a folder of cards or card files (default: specs/)');
  const outDir = path.resolve(io.cwd, opts.out);
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, 'results.json');
  await writeFile(file, `${JSON.stringify(toResultsJson(result), null, 2)}\n`);
  io.stdout(`faker seed ${result.seed} (replay with --seed ${result.seed})`);
  io.stdout(`results: ${path.relative(io.cwd, file).split(path.sep).join('/')}`);
  if (opts.updateCards) io.stdout(`updated ${result.updatedCards.length} card${result.updatedCards.length === 1 ? '' : 's'}: verifiedAt, status, timesReused`);
  if (opts.updateSchemas) io.stdout(`recorded ${result.recordedSchemas.length} response shape${result.recordedSchemas.length === 1 ? '' : 's'} under fixtures/schemas/recorded`);
  if (result.aborted) io.stderr(`cardcheck: the run stopped early: ${result.aborted.message}`);
  return exitCodeFor(result, { missingPaths: result.missing.length, failOnFlaky: opts.failOnFlaky });
}
