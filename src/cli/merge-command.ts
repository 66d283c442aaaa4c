import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../core/result.js';
import { RESULTS_FORMAT } from '../report/json-report.js';
import type { ShardInput } from '../report/merge/merge-results.js';
import { mergeError, mergeResults } from '../report/merge/merge-results.js';
import { validateSchema } from '../verify/schema.js';
import { exitCodeFor } from './exit-code.js';
import type { ReporterFlags, ReporterIo } from './reporter-options.js';
import { finishReports, reportersFromFlags, withReporterErrors } from './reporter-options.js';

export interface MergeCommandOptions extends ReporterFlags {
  /** As `run --allow-leftovers`: resources a declared cleanup failed to undo do not change the exit code. */
  allowLeftovers?: boolean;
  /** As `run --fail-on-flaky`. */
  failOnFlaky?: boolean;
}

const RESULTS_SCHEMA_URL = new URL('../../schemas/results.schema.json', import.meta.url);

/** A shard's results.json, checked against the published schema; a bad file is a `merge-invalid` error naming it. */
async function readShard(cwd: string, dir: string, schema: object): Promise<ShardInput> {
  const given = path.resolve(cwd, dir);
  const file =
    (await stat(given).catch(() => undefined))?.isDirectory() === false ? given : path.join(given, 'results.json');
  const source = path.relative(cwd, file).split(path.sep).join('/') || file;
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : 'it is not readable JSON';
    throw mergeError([`${source}: ${why}; give the --out folder of each shard run`]);
  }
  const violations = validateSchema(schema, data);
  if (violations.length) {
    throw mergeError([
      `${source} is not a cardcheck results file (format ${RESULTS_FORMAT}): ${violations
        .slice(0, 3)
        .map((v) => `${v.path || '/'} ${v.message}`)
        .join('; ')}`,
    ]);
  }
  // Checked against schemas/results.schema.json just above, which describes RunResult.
  return { source, run: data as RunResult };
}

/**
 * `cardcheck merge-reports DIR… --out DIR`: one results.json, JUnit and HTML
 * report from the outputs of `run --shard i/n`. Exit 2 when a shard is
 * missing, given twice, the totals disagree, or a file is not a results
 * file; otherwise the merged run's own exit code.
 */
export async function mergeCommand(dirs: string[], opts: MergeCommandOptions, io: ReporterIo): Promise<number> {
  const reporters = reportersFromFlags(opts, io, ['console', 'json', 'junit', 'html']);
  const schema = JSON.parse(await readFile(RESULTS_SCHEMA_URL, 'utf8')) as object;
  const inputs: ShardInput[] = [];
  for (const dir of dirs) inputs.push(await readShard(io.cwd, dir, schema));
  const merged = mergeResults(inputs);
  const shards = merged.mergedFrom?.map((m) => `${m.index}/${m.total}`).join(', ') ?? '';
  reporters.onEvent({
    type: 'run-start',
    total: merged.summary.total,
    target: `${merged.target} (merged shards ${shards})`,
    seed: merged.seed,
  });
  for (const card of merged.cards) reporters.onEvent({ type: 'card-end', result: card });
  const errors = await finishReports(reporters, merged, io);
  const code = exitCodeFor(merged, { allowLeftovers: opts.allowLeftovers, failOnFlaky: opts.failOnFlaky });
  return withReporterErrors(code, errors);
}
