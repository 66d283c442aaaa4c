import type { RunResult } from '../../core/result.js';

interface Shard {
  source: string;
  run: RunResult;
}

const name = (s: Shard) => `shard ${s.run.shard?.index}/${s.run.shard?.total} (${s.source})`;
const list = (files: string[], max = 10) =>
  files.length > max ? `${files.slice(0, max).join(', ')} and ${files.length - max} more` : files.join(', ');

/**
 * Every selected card ran in exactly one shard: the shards agree on the
 * selection (same cards, flags and --shard-timings), no card ran twice, and
 * none was left out (unless a shard stopped early, or a production target
 * held it back). Shards from before the selection was recorded are not checked.
 * Returns one line per problem.
 */
export function onceEach(shards: readonly Shard[]): string[] {
  const problems: string[] = [];
  const recorded = shards.filter((s) => s.run.shard?.selected);
  if (recorded.length === 0) return problems;
  const first = recorded[0] as Shard;
  const selection = new Set(first.run.shard?.selected);
  for (const s of recorded.slice(1)) {
    const other = new Set(s.run.shard?.selected);
    const onlyFirst = [...selection].filter((f) => !other.has(f));
    const onlyOther = [...other].filter((f) => !selection.has(f));
    if (onlyFirst.length || onlyOther.length)
      problems.push(
        `${name(first)} and ${name(s)} selected different cards (${[
          onlyFirst.length ? `only the first: ${list(onlyFirst, 3)}` : '',
          onlyOther.length ? `only the second: ${list(onlyOther, 3)}` : '',
        ]
          .filter(Boolean)
          .join('; ')}); run every shard on the same cards with the same flags and --shard-timings file`,
      );
  }
  if (problems.length) return problems;
  const ranIn = new Map<string, Shard[]>();
  for (const s of shards) for (const c of s.run.cards) ranIn.set(c.file, [...(ranIn.get(c.file) ?? []), s]);
  for (const [file, where] of ranIn)
    if (where.length > 1)
      problems.push(`${file} ran in ${where.length} shards: ${where.map(name).join(', ')}; each card must run in one`);
  if (shards.some((s) => s.run.aborted)) return problems;
  const heldBack = new Set(shards.flatMap((s) => s.run.shard?.heldBack ?? []));
  const missing = [...selection].filter((f) => !ranIn.has(f) && !heldBack.has(f));
  if (missing.length)
    problems.push(
      `${missing.length} selected card${missing.length === 1 ? '' : 's'} ran in no shard: ${list(missing)}; were the shards split with different --shard-timings files or cardcheck versions?`,
    );
  return problems;
}
