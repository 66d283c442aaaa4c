import { describe, expect, it } from 'vitest';
import { card } from '../../test/support/temp-cards.js';
import { parseCard } from '../card/parse-card.js';
import { planRun } from './plan-run.js';
import { selectShard } from './select-cards.js';

const shared = {
  client_id: {
    create_fresh: false,
    source_endpoint: 'GET /apps',
    fallback_endpoint: 'POST /apps',
    create_body: { name: 'Shared App' },
    extract_from: 'data.id',
    cleanup_endpoint: 'DELETE /apps/{{resolved.client_id}}',
  },
};

const cardFile = (n: number, uses: boolean) => {
  const file = `specs/c${String(n).padStart(2, '0')}.md`;
  const text = card({
    endpoint: `GET /things/${n}`,
    ...(uses ? { uid: shared } : {}),
    request: { method: 'GET', path: uses ? `/things/${n}?app={{resolved.client_id}}` : `/things/${n}` },
    expect: { status: 200 },
  });
  return { file, ...parseCard(text, file) };
};

describe('shards', () => {
  it('never split the cards sharing a fixture: the shared resource is created in one shard only', () => {
    // Cards 0, 5 and 9 share one app; round robin by count would put them in different shards.
    const cards = Array.from({ length: 12 }, (_, n) => cardFile(n, n === 0 || n === 5 || n === 9));
    const plans = planRun(cards, {}).cards;
    expect(plans.filter((p) => p.action === 'run')).toHaveLength(12);
    const shards = [1, 2, 3].map((index) =>
      selectShard(plans, { shard: { index, total: 3 } }).cards.map((p) => p.file),
    );
    const holding = shards.filter((s) => s.includes('specs/c00.md'));
    expect(holding).toHaveLength(1);
    expect(holding[0]).toEqual(expect.arrayContaining(['specs/c00.md', 'specs/c05.md', 'specs/c09.md']));
    // Every card in exactly one shard.
    expect(shards.flat().sort()).toEqual(cards.map((c) => c.file).sort());
  });
});
