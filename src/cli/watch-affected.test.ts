import { describe, expect, it } from 'vitest';
import { affectedCards } from './watch-affected.js';

const cards = [
  { file: 'specs/a.md', id: 'a', needs: [] },
  { file: 'specs/b.md', id: 'b', needs: ['a'] },
  { file: 'specs/c.md', id: 'c', needs: ['b'] },
  { file: 'specs/d.md', id: 'd', needs: [] },
  { file: 'specs/e.md', id: 'e', needs: ['d', 'e'] },
];

describe('affectedCards', () => {
  it('gives the saved cards and every card chaining on them, directly or not, in file order', () => {
    expect(affectedCards(cards, new Set(['specs/a.md']))).toEqual(['specs/a.md', 'specs/b.md', 'specs/c.md']);
    expect(affectedCards(cards, new Set(['specs/c.md', 'specs/d.md']))).toEqual([
      'specs/c.md',
      'specs/d.md',
      'specs/e.md',
    ]);
    // A card that needs itself (a chain-cycle, reported by the plan) does not loop here.
    expect(affectedCards(cards, new Set(['specs/e.md']))).toEqual(['specs/e.md']);
    expect(affectedCards(cards, new Set(['specs/nope.md']))).toEqual([]);
  });
});
