import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RequestShape } from '../core/request.js';

/** A cleanup request rendered at creation time, without credentials: auth comes from the profile when it runs. */
export interface JournalCleanup extends RequestShape {
  baseUrl: string;
  /** Auth profile name, or `none`. */
  auth?: string;
  api?: string;
}

export type JournalLine =
  | {
      op: 'created';
      key: string;
      runId: string;
      at: string;
      file: string;
      createdBy: string;
      field: string;
      id: string;
      cleanups: JournalCleanup[];
      note?: string;
    }
  | { op: 'cleaned'; key: string; at: string };

/**
 * The cleanup ledger on disk: one JSON line per resource created and per
 * resource cleaned, appended synchronously as it happens, so a run killed
 * with SIGKILL or by a CI timeout can be cleaned afterwards by `cardcheck cleanup`.
 */
export class Journal {
  private seq = 0;
  readonly file: string;

  constructor(
    dir: string,
    readonly runId: string,
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `${runId}.jsonl`);
  }

  private write(line: JournalLine): void {
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }

  created(e: {
    file: string;
    createdBy: string;
    field: string;
    id: string;
    cleanups: JournalCleanup[];
    note?: string;
  }): string {
    const key = `${this.runId}:${++this.seq}`;
    this.write({ op: 'created', key, runId: this.runId, at: new Date().toISOString(), ...e });
    return key;
  }

  cleaned(key: string): void {
    this.write({ op: 'cleaned', key, at: new Date().toISOString() });
  }
}

/** Entries created and not cleaned, from the lines of one or more journal files. */
export function pendingEntries(lines: JournalLine[]): Extract<JournalLine, { op: 'created' }>[] {
  const cleaned = new Set(lines.filter((l) => l.op === 'cleaned').map((l) => l.key));
  return lines.filter((l): l is Extract<JournalLine, { op: 'created' }> => l.op === 'created' && !cleaned.has(l.key));
}
