/**
 * Splitting a suite's groups (cards that must run together) over n shards.
 * Pure and deterministic: every runner computes the same split from the same
 * groups and timings.
 */

export interface Group<T> {
  /** Sort key (the group's first file): the same order on every runner. */
  key: string;
  items: T[];
}

/** By count, as `--shard i/n` always did: groups round robin in key order. */
export function partitionByCount<T>(groups: readonly Group<T>[], total: number): T[][] {
  const shards: T[][] = Array.from({ length: total }, () => []);
  const sorted = [...groups].sort((a, b) => a.key.localeCompare(b.key));
  sorted.forEach((g, i) => {
    shards[i % total]?.push(...g.items);
  });
  return shards;
}

/** The median of the known durations; 1 ms when none is known. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 1;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface TimedPartition<T> {
  shards: T[][];
  /** Each shard's expected duration (ms). */
  loads: number[];
  /** Items with no recorded duration (they were given the median). */
  unknown: T[];
}

/**
 * By time (longest processing time first): groups from the longest to the
 * shortest, each onto the shard with the least expected time so far. An item
 * missing from `durations` counts as the median of those present.
 */
export function partitionByTime<T>(
  groups: readonly Group<T>[],
  total: number,
  durationOf: (item: T) => number | undefined,
): TimedPartition<T> {
  const known = groups.flatMap((g) => g.items.map(durationOf)).filter((d): d is number => d !== undefined);
  const fallback = median(known);
  const unknown: T[] = [];
  const weigh = (item: T) => {
    const d = durationOf(item);
    if (d === undefined) unknown.push(item);
    return d ?? fallback;
  };
  const weighted = groups
    .map((g) => ({ g, weight: g.items.reduce((sum, item) => sum + weigh(item), 0) }))
    .sort((a, b) => b.weight - a.weight || a.g.key.localeCompare(b.g.key));
  const shards: T[][] = Array.from({ length: total }, () => []);
  const loads: number[] = Array.from({ length: total }, () => 0);
  for (const { g, weight } of weighted) {
    let least = 0;
    for (let i = 1; i < total; i++) if ((loads[i] as number) < (loads[least] as number)) least = i;
    shards[least]?.push(...g.items);
    loads[least] = (loads[least] as number) + weight;
  }
  return { shards, loads, unknown };
}
