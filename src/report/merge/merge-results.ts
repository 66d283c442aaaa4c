import { createHash } from 'node:crypto';
import { CardcheckError } from '../../core/errors.js';
import type { CoverageRow, RunResult } from '../../core/result.js';
import { summarize } from '../../core/result.js';
import { onceEach } from './once-each.js';

/** Shard outputs that cannot be merged: each problem is one line a person can act on. */
export function mergeError(problems: string[]): CardcheckError {
  return new CardcheckError('merge-invalid', problems.join('\n'), { problems });
}

export interface ShardInput {
  /** Where it was read from, for messages. */
  source: string;
  run: RunResult;
}

/** Every shard present once, all with the same total, every selected card run in exactly one; otherwise a `merge-invalid` error listing what is wrong. */
export function checkShards(inputs: readonly ShardInput[]): void {
  const problems: string[] = [];
  const unsharded = inputs.filter((i) => !i.run.shard);
  for (const u of unsharded)
    problems.push(`${u.source} is not a shard (its run had no --shard); merge only the outputs of --shard i/n runs`);
  const sharded = inputs.filter((i) => i.run.shard);
  const totals = [...new Set(sharded.map((i) => i.run.shard?.total))];
  if (totals.length > 1)
    problems.push(
      `the shards disagree on the total: ${sharded.map((i) => `${i.source} is ${i.run.shard?.index}/${i.run.shard?.total}`).join(', ')}`,
    );
  else if (totals[0] !== undefined) {
    const total = totals[0];
    for (let index = 1; index <= total; index++) {
      const found = sharded.filter((i) => i.run.shard?.index === index);
      if (found.length === 0) problems.push(`shard ${index}/${total} is missing`);
      if (found.length > 1)
        problems.push(`shard ${index}/${total} is given twice: ${found.map((f) => f.source).join(' and ')}`);
    }
  }
  if (inputs.length === 0) problems.push('no shard output given');
  if (problems.length) throw mergeError(problems);
  const twice = onceEach(inputs);
  if (twice.length) throw mergeError(twice);
}

function mergeCoverage(runs: readonly RunResult[]): CoverageRow[] {
  const rows = new Map<string, CoverageRow[]>();
  for (const r of runs)
    for (const row of r.coverage)
      rows.set(`${row.api} ${row.endpoint}`, [...(rows.get(`${row.api} ${row.endpoint}`) ?? []), row]);
  const union = (lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b);
  return [...rows.values()]
    .map((same) => {
      const first = same[0] as CoverageRow;
      const onlySkipped = same.every((r) => r.skippedOnly);
      return {
        api: first.api,
        endpoint: first.endpoint,
        documented: union(same.map((r) => r.documented)),
        exercised: union(same.map((r) => r.exercised)),
        ...(onlySkipped ? { skippedOnly: [...new Set(same.flatMap((r) => r.skippedOnly ?? []))] } : {}),
      };
    })
    .sort((a, b) => a.api.localeCompare(b.api) || a.endpoint.localeCompare(b.endpoint));
}

/**
 * One run from its shards, as if it had run whole: cards in file order,
 * counts recomputed, coverage and left-behind resources joined. The duration
 * is the longest shard's (shards run side by side); each shard's id and seed
 * are kept in `mergedFrom`. Pure and deterministic.
 */
export function mergeResults(inputs: readonly ShardInput[]): RunResult {
  checkShards(inputs);
  const runs = [...inputs].map((i) => i.run).sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  const cards = runs
    .flatMap((r) => r.cards)
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const durationMs = Math.max(...runs.map((r) => r.summary.durationMs));
  const first = runs[0] as RunResult;
  const targets = [...new Set(runs.map((r) => r.target))];
  const aborted = runs.find((r) => r.aborted);
  // The shards' --trace, when they agree.
  const traces = [...new Set(runs.map((r) => r.trace))];
  // The browser the shards' flows used, when they used one and agree.
  const browsers = [
    ...new Map(runs.flatMap((r) => (r.browser ? [[r.browser.executablePath, r.browser]] : []))).values(),
  ];
  return {
    runId: `merged-${createHash('sha256')
      .update(runs.map((r) => r.runId).join('\n'))
      .digest('hex')
      .slice(0, 16)}`,
    target: targets.join(', '),
    startedAt: runs.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    seed: first.seed,
    ...(traces.length === 1 && traces[0] ? { trace: traces[0] } : {}),
    ...(browsers.length === 1 ? { browser: browsers[0] } : {}),
    mergedFrom: runs.map((r) => ({
      index: r.shard?.index ?? 0,
      total: r.shard?.total ?? 0,
      runId: r.runId,
      seed: r.seed,
      startedAt: r.startedAt,
      durationMs: r.summary.durationMs,
    })),
    summary: summarize(cards, durationMs),
    cards,
    leftBehind: runs.flatMap((r) => r.leftBehind),
    coverage: mergeCoverage(runs),
    ...(aborted?.aborted
      ? {
          aborted: {
            kind: aborted.aborted.kind,
            message: `shard ${aborted.shard?.index}/${aborted.shard?.total}: ${aborted.aborted.message}`,
          },
        }
      : {}),
  };
}
