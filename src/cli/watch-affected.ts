/** What a re-run needs of a card's plan: its file, its id, the ids of the cards whose values it uses. */
export interface ChainedCard {
  file: string;
  id: string;
  needs: readonly string[];
}

/**
 * The cards to re-run after a save: the saved cards, and every card that
 * chains on one of them (uses its values through `{{card.<id>.…}}`, directly
 * or through other cards), in file order. The cards they need are added by the
 * run's selection, as for any selection.
 */
export function affectedCards(cards: readonly ChainedCard[], saved: ReadonlySet<string>): string[] {
  const dependents = new Map<string, ChainedCard[]>();
  for (const c of cards) for (const id of c.needs) dependents.set(id, [...(dependents.get(id) ?? []), c]);
  const keep = new Set<ChainedCard>();
  const add = (c: ChainedCard) => {
    if (keep.has(c)) return;
    keep.add(c);
    for (const d of dependents.get(c.id) ?? []) add(d);
  };
  for (const c of cards) if (saved.has(c.file)) add(c);
  return cards.filter((c) => keep.has(c)).map((c) => c.file);
}
