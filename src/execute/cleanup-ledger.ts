import type { RequestSpec } from '../core/card.js';
import type { LeftBehind } from '../core/result.js';
import type { RenderScope } from '../plan/render.js';

/** Something a card created, and how to undo it. */
export interface LedgerEntry {
  file: string;
  createdBy: string;
  field: string;
  id: string;
  cleanups: RequestSpec[];
  cleanupNote?: string;
  /** The scope the cleanup renders with (fields, response of the creating request). */
  scope: RenderScope;
  /** Auth profile the card's requests use by default. */
  auth?: string;
  api?: string;
  /** Key of the entry in the on-disk journal, when there is one. */
  journalKey?: string;
  /** The journal intent of the create that made it: its created line settles that intent. */
  intentKey?: string;
}

/** Runs one cleanup; resolves to an error text when it did not work. */
export type RunCleanup = (entry: LedgerEntry, cleanup: RequestSpec) => Promise<string | undefined>;

/**
 * What a card created, in order. Entries are added the moment the resource
 * exists, and undone in reverse order whatever happened to the card.
 */
export class CleanupLedger {
  private readonly entries: LedgerEntry[] = [];

  add(entry: LedgerEntry): void {
    this.entries.push(entry);
  }

  /** Move every entry to another ledger (a card other cards need keeps its resources to the end). */
  moveTo(other: CleanupLedger): void {
    for (const e of this.entries.splice(0)) other.add(e);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Undo everything; returns what is still there, each with why. `onCleaned` hears of each entry fully undone. */
  async drain(run: RunCleanup, onCleaned: (entry: LedgerEntry) => void = () => {}): Promise<LeftBehind[]> {
    const left: LeftBehind[] = [];
    while (this.entries.length > 0) {
      const entry = this.entries.pop();
      if (!entry) break;
      const base = { file: entry.file, createdBy: entry.createdBy, field: entry.field, id: entry.id };
      if (entry.cleanups.length === 0) {
        left.push({
          ...base,
          reason: entry.cleanupNote ? `no cleanup declared (card says: ${entry.cleanupNote})` : 'no cleanup declared',
        });
        continue;
      }
      let clean = true;
      for (const cleanup of entry.cleanups) {
        const failure = await run(entry, cleanup);
        if (failure) {
          clean = false;
          left.push({
            ...base,
            reason: `cleanup ${cleanup.method} ${cleanup.path} failed: ${failure}`,
            cleanupFailed: true,
          });
        }
      }
      if (clean) onCleaned(entry);
    }
    return left;
  }
}
