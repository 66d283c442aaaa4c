import type { CardResult, LeftBehind } from '../core/result.js';
import type { CardSpool } from './card-spool.js';

/**
 * The card results a reporter writes at the end of a run, by position: the
 * run's own `cards` (held), or, when the run streamed them, the `card-end`
 * results in the order they came, read back one at a time from the spool.
 * Positions are those of `onCardEnd` for a streamed run, of `run.cards` otherwise.
 */
export interface ReportCards {
  readonly count: number;
  at(index: number): CardResult;
  /** Every card in order, one at a time. */
  all(): Iterable<CardResult>;
}

function* each(cards: Pick<ReportCards, 'count' | 'at'>): Generator<CardResult> {
  for (let i = 0; i < cards.count; i++) yield cards.at(i);
}

/** A run's held cards (`run.cards`). */
export function heldCards(cards: readonly CardResult[]): ReportCards {
  return { count: cards.length, at: (i) => cards[i] as CardResult, all: () => cards };
}

/**
 * Streamed cards read back from a spool (none when no card ended), each with the
 * resources left behind after its `card-end` (`lateLeftBehind`) added to its own.
 */
export function streamedCards(spool: CardSpool | undefined, late: readonly LeftBehind[] = []): ReportCards {
  const byFile = new Map<string, LeftBehind[]>();
  for (const l of late) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  const withLate = (card: CardResult): CardResult => {
    const more = byFile.get(card.file);
    return more ? { ...card, leftBehind: [...card.leftBehind, ...more] } : card;
  };
  const cards = { count: spool?.count ?? 0, at: (i: number) => withLate((spool as CardSpool).at(i)) };
  return { ...cards, all: () => each(cards) };
}
