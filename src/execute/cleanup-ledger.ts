import type { StepRequest } from '../core/card.js';
import type { LeftBehind } from '../core/result.js';

/** Something a card created, and how to undo it. */
export interface LedgerEntry {
  createdBy: string;
  field: string;
  id: string;
  cleanups: StepRequest[];
  cleanupNote?: string;
  /** Response of the creating request, for `{{response.…}}` in the cleanup. */
  response?: unknown;
}

/** Runs one cleanup; resolves to an error text when it did not work. */
export type RunCleanup = (entry: LedgerEntry, cleanup: StepRequest) => Promise<string | undefined>;

/**
 * What a card created, in order. Entries are added the moment the resource
 * exists, and undone in reverse order whatever happened to the card.
 */
export class CleanupLedger {
  private readonly entries: LedgerEntry[] = [];

  constructor(private readonly file: string) {}

  add(entry: LedgerEntry): void {
    this.entries.push(entry);
  }

  /** Undo everything; returns what is still there, each with why. */
  async drain(run: RunCleanup): Promise<LeftBehind[]> {
    const left: LeftBehind[] = [];
    while (this.entries.length > 0) {
      const entry = this.entries.pop();
      if (!entry) break;
      const base = { file: this.file, createdBy: entry.createdBy, field: entry.field, id: entry.id };
      if (entry.cleanups.length === 0) {
        left.push({ ...base, reason: entry.cleanupNote ? `no cleanup declared (card says: ${entry.cleanupNote})` : 'no cleanup declared' });
        continue;
      }
      for (const cleanup of entry.cleanups) {
        const failure = await run(entry, cleanup);
        if (failure) left.push({ ...base, reason: `cleanup ${cleanup.endpoint.method} ${cleanup.endpoint.path} failed: ${failure}` });
      }
    }
    return left;
  }
}
