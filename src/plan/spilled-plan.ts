import type { Diagnostic } from '../core/diagnostic.js';
import { CardcheckError } from '../core/errors.js';
import type { CardPlan, LeanPlan, PlanFacts } from '../core/plan.js';
import { JsonSpool } from '../util/json-spool.js';
import type { PlanAgain } from './lean-plan.js';

/**
 * Lean plans on disk: a suite of 100,000 cards keeps, in memory, what ordering and selection walk for every card
 * (file, id, action, needs, needed) and the position of the rest of its lean plan in a spool file; the rest (title,
 * diagnostics, facts, reason…) is read back when a stage asks for it. A lean plan held as objects was 1.1–1.7 KB per
 * card (bench/workload.mjs at 100,000 cards).
 */

/** One line of the spool: a lean plan without its reader, and the digest of the card text its reader compares. */
interface StoredPlan {
  plan: Omit<CardPlan, 'lean' | 'card'> & { reason?: string };
  digest: string;
}

const NO_NEEDS: string[] = [];
/** Lines read last, by position: the stages read several fields of one card in a row. */
const RECENT = 32;

export class PlanSpill {
  private readonly spool: JsonSpool<StoredPlan>;
  private readonly recent = new Map<number, StoredPlan>();

  /** `againFor(file, digest)` plans a card again for its run (none for a card read from outside the project). */
  constructor(
    dir: string,
    private readonly againFor: (file: string, digest: string) => PlanAgain,
  ) {
    this.spool = new JsonSpool(dir, { prefix: 'plans', what: 'the plans of a large suite' });
  }

  /**
   * A lean plan (no card) kept on disk; what is returned reads it back field by field. `file`, the same path as the
   * plan's as the project listed it, is kept instead of the plan's copy.
   */
  keep(plan: CardPlan, digest: string, file = plan.file): CardPlan {
    const { lean: _lean, card: _card, ...rest } = plan;
    const index = this.spool.append({ plan: rest, digest });
    if (this.spool.error)
      throw new CardcheckError(
        'local-state',
        `${this.spool.error}; a suite this large keeps its plans on disk until the run ends: point TMPDIR at a folder cardcheck can write (nothing was sent)`,
      );
    return new SpilledPlan(this, index, plan, file === plan.file ? file : plan.file) as unknown as CardPlan;
  }

  /** A plan as plain fields (a spilled one read back, with its reader), to copy or change. */
  plain(plan: CardPlan): CardPlan {
    if (!(plan instanceof SpilledPlan)) return plan;
    const { plan: stored } = this.read(plan.index);
    return {
      ...stored,
      needsAt: plan.needsAt,
      needs: plan.needs,
      needed: plan.needed,
      ...(plan.action === 'run' ? { lean: plan.lean } : {}),
    } as CardPlan;
  }

  /** `plan` changed by `change` (given its plain fields), kept again with the same card digest. */
  patch(plan: CardPlan, change: (plain: CardPlan) => CardPlan): CardPlan {
    if (!(plan instanceof SpilledPlan)) return change(plan);
    return this.keep(change(this.plain(plan)), this.read(plan.index).digest, plan.file);
  }

  /** The digest of the card text a plan was made from ('' for a plan not kept here). */
  digestOf(plan: CardPlan): string {
    return plan instanceof SpilledPlan ? this.read(plan.index).digest : '';
  }

  /** @internal The line at a position. */
  read(index: number): StoredPlan {
    let stored = this.recent.get(index);
    if (!stored) {
      stored = this.spool.at(index);
      if (this.recent.size >= RECENT) this.recent.delete(this.recent.keys().next().value as number);
      this.recent.set(index, stored);
    }
    return stored;
  }

  /** @internal */
  again(index: number, file: string): PlanAgain {
    return this.againFor(file, this.read(index).digest);
  }

  /** Delete the file; the plans can no longer be read. */
  dispose(): void {
    this.recent.clear();
    this.spool.dispose();
  }
}

/**
 * A lean plan read back from a PlanSpill. Ordering marks a needed card (`needed`); every other field is read from
 * the spool. Copy one with `PlanSpill.plain` (a spread copies only the fields held in memory).
 */
class SpilledPlan {
  readonly file: string;
  readonly id: string;
  readonly action: CardPlan['action'];
  readonly needs: string[];
  needed: boolean;
  readonly #spill: PlanSpill;

  constructor(
    spill: PlanSpill,
    readonly index: number,
    plan: CardPlan,
    file: string,
  ) {
    this.#spill = spill;
    this.file = file;
    this.id = plan.id;
    this.action = plan.action;
    this.needs = plan.needs.length ? plan.needs : NO_NEEDS;
    this.needed = plan.needed;
  }

  private get stored(): StoredPlan['plan'] {
    return this.#spill.read(this.index).plan;
  }
  get line(): number {
    return this.stored.line;
  }
  get endpoint(): string {
    return this.stored.endpoint;
  }
  get title(): string {
    return this.stored.title;
  }
  get diagnostics(): Diagnostic[] {
    return this.stored.diagnostics;
  }
  get api(): string | undefined {
    return this.stored.api;
  }
  get auth(): string | undefined {
    return this.stored.auth;
  }
  get facts(): PlanFacts | undefined {
    return this.stored.facts;
  }
  get reason(): string | undefined {
    return this.stored.reason;
  }
  get needsAt(): Record<string, { line: number; column: number }> | undefined {
    const at = this.stored.needsAt;
    // Without a prototype, as planCard makes it: a card named __proto__ is a key like any other.
    return at && Object.assign(Object.create(null), at);
  }
  get lean(): LeanPlan['lean'] | undefined {
    return this.action === 'run' ? { again: this.#spill.again(this.index, this.file) } : undefined;
  }
}
