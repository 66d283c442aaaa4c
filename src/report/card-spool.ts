import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { CardResult } from '../core/result.js';

/** Card lines are gathered up to this many bytes before one write. */
const FLUSH_AT = 256 * 1024;

/** Spools not yet disposed: removed when the process exits, so a run that failed before its reports leaves none. */
const live = new Set<CardSpool>();
let exitHooked = false;

function removeAtExit(spool: CardSpool): void {
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const s of live) s.dispose();
    });
  }
  live.add(spool);
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Card results kept on disk instead of in memory, for reports written at the
 * end of a run that streamed its cards: one JSON line per card, appended as
 * each card ends, read back one card at a time by position. In memory: the
 * byte offset of each line. The file (`.cardcheck-cards-*.jsonl`, mode 0600)
 * sits in the reports folder, beside the reports that will hold the same
 * (already redacted) results, and is deleted by `dispose`: after the reports
 * are written, when the run fails, or at the latest when the process exits.
 *
 * A write that fails (disk full, a read-only folder) is kept as `error` and
 * stops the spool; reading a spool that failed is the caller's mistake.
 */
export class CardSpool {
  private fd: number | undefined;
  private file: string | undefined;
  private readonly starts: number[] = [];
  /** Bytes of every line appended, written or pending. */
  private size = 0;
  private written = 0;
  private pending: Buffer[] = [];
  private failure: string | undefined;
  private disposed = false;

  constructor(private readonly dir: string) {}

  /** Cards appended so far. */
  get count(): number {
    return this.starts.length;
  }

  /** Why the spool stopped keeping cards (its reports cannot be written), if it did. */
  get error(): string | undefined {
    return this.failure;
  }

  /** The spool file, once a card was appended. */
  get path(): string | undefined {
    return this.file;
  }

  /** Keep one card; returns its position (0-based, in the order appended). */
  append(card: CardResult): number {
    const index = this.starts.length;
    this.starts.push(this.size);
    if (this.failure || this.disposed) return index;
    if (this.fd === undefined) this.open();
    if (this.failure) return index;
    const line = Buffer.from(`${JSON.stringify(card)}\n`);
    this.size += line.length;
    this.pending.push(line);
    if (this.size - this.written >= FLUSH_AT) this.flush();
    return index;
  }

  /** The card at a position, read back from the file. */
  at(index: number): CardResult {
    if (this.failure) throw new Error(this.failure);
    const start = this.starts[index];
    if (start === undefined) throw new RangeError(`no card ${index} in the spool (${this.starts.length} kept)`);
    this.flush();
    if (this.failure) throw new Error(this.failure);
    const end = index + 1 < this.starts.length ? (this.starts[index + 1] as number) : this.size;
    const bytes = Buffer.allocUnsafe(end - start - 1);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(this.fd as number, bytes, read, bytes.length - read, start + read);
      if (n === 0) throw new Error(`the card spool ${this.file} ended early (was it removed?)`);
      read += n;
    }
    return JSON.parse(bytes.toString('utf8')) as CardResult;
  }

  /** Close and delete the file; safe to call more than once. */
  dispose(): void {
    this.disposed = true;
    this.pending = [];
    live.delete(this);
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
    if (this.file !== undefined) {
      try {
        unlinkSync(this.file);
      } catch {
        // already gone
      }
    }
  }

  /** Write what is gathered; a failure is kept as `error`. */
  flush(): void {
    if (this.failure || this.pending.length === 0) return;
    try {
      const data = Buffer.concat(this.pending);
      this.pending = [];
      let done = 0;
      while (done < data.length)
        done += writeSync(this.fd as number, data, done, data.length - done, this.written + done);
      this.written += data.length;
    } catch (err) {
      this.fail(err);
    }
  }

  /** The file is made with the first card, so a folder that cannot hold it is known then. */
  private open(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      this.file = path.join(this.dir, `.cardcheck-cards-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
      removeAtExit(this);
      this.fd = openSync(this.file, 'wx+', 0o600);
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    this.failure = `could not keep the card results in ${this.file ?? this.dir}: ${messageOf(err)}`;
    this.pending = [];
  }
}
