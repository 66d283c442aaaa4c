import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCards } from '../api/run-cards.js';
import { EnvFileError } from '../api/load-env.js';
import { createConsoleReporter } from '../report/console-reporter.js';
import { toResultsJson } from '../report/json-report.js';
import { EXIT, exitCodeFor } from './exit-code.js';

export interface RunCommandOptions {
  target?: string;
  envFile?: string;
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
  let result;
  try {
    result = await runCards({ paths: paths.length ? paths : ['specs'], cwd: io.cwd, target: opts.target, envFile: opts.envFile, onEvent: reporter });
  } catch (err) {
    if (err instanceof EnvFileError) {
      io.stderr(`cardcheck: ${err.message}`);
      return EXIT.errored;
    }
    throw err;
  }
  for (const m of result.missing) io.stderr(`cardcheck: ${m}: no such file or folder`);
  if (result.summary.total === 0) io.stderr('cardcheck: no card selected; give a folder of cards or card files (default: specs/)');
  const outDir = path.resolve(io.cwd, opts.out);
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, 'results.json');
  await writeFile(file, `${JSON.stringify(toResultsJson(result), null, 2)}\n`);
  io.stdout(`results: ${path.relative(io.cwd, file).split(path.sep).join('/')}`);
  return exitCodeFor(result.summary, result.missing.length);
}
