import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { RequestShape } from '../core/request.js';
import type { RecoveryStore, SecretParts } from './recovery-store.js';

/**
 * A cleanup request rendered at creation time, without credentials or any
 * other secret: auth comes from the profile when it runs, and what it needs
 * besides is named in `needs` (kept in the run's memory, or in the opt-in
 * recovery store, never here).
 */
export interface JournalCleanup extends RequestShape {
  baseUrl: string;
  /** Auth profile name, or `none`. */
  auth?: string;
  api?: string;
  /** What this request needs that the journal does not hold, e.g. `the Authorization header`, `the path`. */
  needs?: string[];
  /** Header templates that only read the environment (`Bearer {{env.TOKEN}}`), filled again at cleanup. */
  envHeaders?: Record<string, string>;
}

export type CreatedLine = {
  op: 'created';
  key: string;
  runId: string;
  at: string;
  file: string;
  createdBy: string;
  field: string;
  /** The resource id, or a random label (`secret-…`) when the id is itself a secret. */
  id: string;
  cleanups: JournalCleanup[];
  note?: string;
  /** True when the recovery store holds what `needs` names. */
  stored?: boolean;
  /** The intent of the create that made it: this line settles it, so a kill just after it cannot leave a "may exist". */
  intent?: string;
  /** Not a resource recorded but a create whose answer never came (an unsettled intent): it may exist. */
  mayExist?: true;
};

/**
 * Written just before a create request is sent, and settled once its answer
 * is handled: a run killed in between leaves an intent that `cardcheck
 * cleanup` reports as "may exist". It holds what the card wrote (method and
 * path template), never a rendered value.
 */
export type IntentLine = { op: 'intent'; key: string; runId: string; at: string; file: string; createdBy: string };

/** The first line of a journal: which run, against what. */
export type RunLine = { op: 'run'; runId: string; at: string; target: string; embedded?: boolean };

export type JournalLine =
  | RunLine
  | CreatedLine
  | IntentLine
  | { op: 'cleaned'; key: string; at: string }
  | { op: 'settled'; key: string; at: string };

/**
 * The cleanup ledger on disk: one JSON line per resource created and per
 * resource cleaned, appended synchronously as it happens, so a run killed
 * with SIGKILL or by a CI timeout can be cleaned afterwards by `cardcheck cleanup`.
 * It holds no secret: see `needs` and the recovery store.
 */
export class Journal {
  private seq = 0;
  private started = false;
  private fd: number | undefined;
  readonly file: string;

  constructor(
    dir: string,
    readonly runId: string,
    private readonly run: { target: string; embedded?: boolean; store?: RecoveryStore } = { target: '' },
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `${runId}.jsonl`);
  }

  /**
   * One write per line on a handle opened once for appending (it was an open, write and close per line): each line
   * is in the kernel when `write` returns, so a SIGKILL loses nothing written; no fsync per line (a power cut may).
   */
  private write(line: JournalLine): void {
    this.fd ??= openSync(this.file, 'a');
    if (!this.started) {
      this.started = true;
      const { target, embedded } = this.run;
      const head: RunLine = { op: 'run', runId: this.runId, at: new Date().toISOString(), target };
      writeSync(this.fd, `${JSON.stringify(embedded ? { ...head, embedded } : head)}\n`);
    }
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  /** Close the handle at the end of the run; a later line (none is expected) opens it again. */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Record a resource; `secrets` (the parts each cleanup `needs`) go to the recovery store when the run keeps one. */
  created(e: Omit<CreatedLine, 'op' | 'key' | 'runId' | 'at' | 'stored'>, secrets?: (SecretParts | null)[]): string {
    const key = `${this.runId}:${++this.seq}`;
    // The store first: a kill between the two writes leaves a secret with no entry, never an entry marked stored without one.
    const stored = secrets !== undefined && this.store(key, secrets);
    this.write({
      op: 'created',
      key,
      runId: this.runId,
      at: new Date().toISOString(),
      ...e,
      ...(stored ? { stored } : {}),
    });
    return key;
  }

  /**
   * Keep an entry's secrets in the recovery store. False when the run keeps
   * none or it cannot be written: `cardcheck cleanup` then lists the entry as
   * not stored.
   */
  private store(key: string, parts: (SecretParts | null)[]): boolean {
    if (!this.run.store) return false;
    try {
      this.run.store.put({ key, parts });
      return true;
    } catch {
      return false;
    }
  }

  /** Before a create is sent: its key, to settle once the answer is handled. */
  intent(e: { file: string; createdBy: string }): string {
    const key = `${this.runId}:i${++this.seq}`;
    this.write({ op: 'intent', key, runId: this.runId, at: new Date().toISOString(), ...e });
    return key;
  }

  /** The create's answer was handled: what it made, if anything, has its own line. */
  settled(key: string): void {
    this.write({ op: 'settled', key, at: new Date().toISOString() });
  }

  cleaned(key: string): void {
    this.write({ op: 'cleaned', key, at: new Date().toISOString() });
    this.run.store?.drop(key);
  }
}

/**
 * Entries created and not cleaned, and creates sent whose answer was never handled (`mayExist`), in the order they
 * were written: lines are fed one at a time, so a journal need not be held whole (a 100,000-card run's is ~200 MB).
 */
export class PendingEntries {
  private readonly open = new Map<string, CreatedLine>();
  /** Keys done before their entry was read (a journal never writes them so; the order is not relied on). */
  private readonly doneFirst = new Set<string>();

  add(l: JournalLine): void {
    if (l.op === 'cleaned' || l.op === 'settled') this.done(l.key);
    else if (l.op === 'created') {
      if (l.intent) this.done(l.intent);
      this.opened(l);
    } else if (l.op === 'intent') {
      const { key, runId, at, file, createdBy } = l;
      this.opened({
        op: 'created',
        key,
        runId,
        at,
        file,
        createdBy,
        field: '',
        id: '(unknown)',
        cleanups: [],
        mayExist: true,
      });
    }
  }

  get entries(): CreatedLine[] {
    return [...this.open.values()];
  }

  get size(): number {
    return this.open.size;
  }

  private opened(entry: CreatedLine): void {
    if (!this.doneFirst.delete(entry.key)) this.open.set(entry.key, entry);
  }

  private done(key: string): void {
    if (!this.open.delete(key)) this.doneFirst.add(key);
  }
}

/** The pending entries of a journal's lines (PendingEntries). */
export function pendingEntries(lines: JournalLine[]): CreatedLine[] {
  const pending = new PendingEntries();
  for (const l of lines) pending.add(l);
  return pending.entries;
}
