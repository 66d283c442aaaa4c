import { describe, expect, it } from 'vitest';
import type { CardResult, RunResult } from '../../core/result.js';
import { onceEach } from './once-each.js';

const card = (file: string) => ({ file }) as CardResult;
const shard = (
  index: number,
  files: string[],
  extra: Partial<NonNullable<RunResult['shard']>> = {},
  selected = ['a.md', 'b.md', 'c.md'],
) => ({
  source: `out-${index}`,
  run: { cards: files.map(card), shard: { index, total: 2, selected, ...extra } } as RunResult,
});

describe('onceEach (merge-reports)', () => {
  it('accepts every selected card in exactly one shard, and a card a production target held back', () => {
    expect(onceEach([shard(1, ['a.md', 'c.md']), shard(2, ['b.md'])])).toEqual([]);
    expect(onceEach([shard(1, ['a.md']), shard(2, ['b.md'], { heldBack: ['c.md'] })])).toEqual([]);
  });

  it('names a card run in two shards and a card run in none', () => {
    expect(onceEach([shard(1, ['a.md', 'b.md']), shard(2, ['b.md'])])).toEqual([
      'b.md ran in 2 shards: shard 1/2 (out-1), shard 2/2 (out-2); each card must run in one',
      '1 selected card ran in no shard: c.md; were the shards split with different --shard-timings files or cardcheck versions?',
    ]);
  });

  it('names shards that selected different cards', () => {
    expect(onceEach([shard(1, ['a.md']), shard(2, ['b.md'], {}, ['a.md', 'b.md', 'd.md'])])).toEqual([
      'shard 1/2 (out-1) and shard 2/2 (out-2) selected different cards (only the first: c.md; only the second: d.md); run every shard on the same cards with the same flags and --shard-timings file',
    ]);
  });

  it('does not count cards a stopped shard never started, and skips shards that recorded no selection', () => {
    const stopped = shard(2, []);
    stopped.run.aborted = { kind: 'bail', message: '--bail' };
    expect(onceEach([shard(1, ['a.md']), stopped])).toEqual([]);
    const old = { source: 'old', run: { cards: [card('a.md')], shard: { index: 1, total: 1 } } as RunResult };
    expect(onceEach([old])).toEqual([]);
  });
});
