import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/seeded-random.js';
import type { Group } from './partition.js';
import { median, partitionByCount, partitionByTime } from './partition.js';

interface Card {
  file: string;
  ms: number;
}

/**
 * 400 cards with skewed durations: most take 20–200 ms, one in ten 1–5 s, a few
 * 10–20 s (browser flows); some chained in groups of 2–5 that must stay together.
 */
function skewedSuite(seed: number): Group<Card>[] {
  const next = seededRandom(seed);
  const cards: Card[] = Array.from({ length: 400 }, (_, i) => {
    const r = next();
    const ms = r < 0.02 ? 10_000 + next() * 10_000 : r < 0.12 ? 1000 + next() * 4000 : 20 + next() * 180;
    return { file: `specs/card-${String(i).padStart(3, '0')}.md`, ms: Math.round(ms) };
  });
  const groups: Group<Card>[] = [];
  for (let i = 0; i < cards.length; ) {
    const size = next() < 0.15 ? 2 + Math.floor(next() * 4) : 1;
    const items = cards.slice(i, i + size);
    groups.push({ key: items[0]?.file ?? '', items });
    i += size;
  }
  return groups;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('partitionByTime', () => {
  for (const [seed, n] of [
    [1, 2],
    [2, 4],
    [3, 8],
    [4, 16],
  ] as const) {
    it(`keeps the longest of ${n} shards within 10% of the ideal (400 skewed cards, seed ${seed})`, () => {
      const groups = skewedSuite(seed);
      const { shards } = partitionByTime(groups, n, (c) => c.ms);
      const loads = shards.map((s) => sum(s.map((c) => c.ms)));
      const total = sum(groups.flatMap((g) => g.items.map((c) => c.ms)));
      const ideal = Math.max(total / n, ...groups.map((g) => sum(g.items.map((c) => c.ms))));
      const byCount = partitionByCount(groups, n).map((s) => sum(s.map((c) => c.ms)));
      // For the closing note: how far from the ideal each split is.
      console.log(
        `${n} shards: ideal ${Math.round(ideal)} ms, by time ${Math.max(...loads)} ms (+${((Math.max(...loads) / ideal - 1) * 100).toFixed(1)}%), by count ${Math.max(...byCount)} ms (+${((Math.max(...byCount) / ideal - 1) * 100).toFixed(1)}%)`,
      );
      expect(Math.max(...loads)).toBeLessThanOrEqual(ideal * 1.1);
      // Every card once, and no group split.
      expect(
        shards
          .flat()
          .map((c) => c.file)
          .sort(),
      ).toEqual(groups.flatMap((g) => g.items.map((c) => c.file)).sort());
      for (const g of groups) expect(new Set(g.items.map((c) => shards.findIndex((s) => s.includes(c)))).size).toBe(1);
    });
  }

  it('gives cards missing from the timings the median duration', () => {
    const groups: Group<string>[] = ['a', 'b', 'c', 'd'].map((key) => ({ key, items: [key] }));
    const ms: Record<string, number> = { a: 100, b: 10, c: 30 };
    const { loads, unknown } = partitionByTime(groups, 2, (x) => ms[x]);
    expect(unknown).toEqual(['d']);
    expect(loads).toEqual([100, 70]);
    expect(median([10, 100, 30])).toBe(30);
    expect(median([])).toBe(1);
  });

  it('is the same split on every runner, whatever the groups’ order', () => {
    const groups = skewedSuite(9);
    const a = partitionByTime(groups, 4, (c) => c.ms).shards.map((s) => s.map((c) => c.file));
    const b = partitionByTime([...groups].reverse(), 4, (c) => c.ms).shards.map((s) => s.map((c) => c.file).sort());
    expect(a.map((s) => [...s].sort())).toEqual(b);
  });
});
