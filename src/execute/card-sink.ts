import type { CardResult, LeftBehind, RunEvent } from '../core/result.js';
import type { ExecuteContext } from './context.js';
import { RunTally } from './run-tally.js';

/**
 * Where ended cards go: counted (RunTally), kept in plan order unless the run streams them, and reported through
 * `card-end`. A card whose follow-up checks wait for the end of the run (src/execute/postponed-checks.ts) is held
 * and reported once they ran.
 */
export class CardSink {
  readonly tally = new RunTally();
  private readonly kept: (CardResult | undefined)[];
  private readonly held: { index: number; result: CardResult }[] = [];

  constructor(
    size: number,
    private readonly stream: boolean,
    private readonly onEvent: (e: RunEvent) => void,
  ) {
    this.kept = new Array(stream ? 0 : size);
  }

  end(index: number, result: CardResult, ctx: ExecuteContext): void {
    if (ctx.state.postponed?.has(result.file)) {
      this.held.push({ index, result });
      return;
    }
    this.tally.add(result);
    if (!this.stream) this.kept[index] = result;
    this.onEvent({ type: 'card-end', result });
  }

  /**
   * Left behind by one of the run's last cleanups: a held card's, reported with it; else late (`lateLeftBehind`:
   * its card was reported already), and added to the card when the run keeps its cards.
   */
  late(l: LeftBehind): void {
    const held = this.held.find((h) => h.result.file === l.file);
    if (held) {
      held.result.leftBehind.push(l);
      return;
    }
    this.tally.late.push(l);
    this.kept.find((c) => c?.file === l.file)?.leftBehind.push(l);
  }

  /** The held cards, once their postponed checks ran (after the run's last cleanups). */
  async settleHeld(ctx: ExecuteContext): Promise<void> {
    for (const { index, result } of this.held.splice(0)) {
      const cleanedUp = result.leftBehind.length === 0;
      const settled = (await ctx.state.postponed?.settle(result, ctx, cleanedUp)) ?? result;
      this.tally.add(settled);
      if (!this.stream) this.kept[index] = settled;
      this.onEvent({ type: 'card-end', result: settled });
    }
  }

  cards(): CardResult[] {
    return this.kept.filter((c): c is CardResult => c !== undefined);
  }
}
