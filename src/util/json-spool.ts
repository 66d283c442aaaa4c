import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Lines are gathered up to this many bytes before one write. */
const FLUSH_AT = 256 * 1024;

/** Spools not yet disposed: removed when the process exits, so a run that failed before its end leaves none. */
const live = new Set<JsonSpool<unknown>>();
let exitHooked = false;

function removeAtExit(spool: JsonSpool<unknown>): void {
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const s of live) s.dispose();
    });
  }
  live.add(spool);
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface JsonSpoolNames {
  /** The file's name starts `.cardcheck-<prefix>-`. */
  prefix: string;
  /** What it keeps, for the message when it cannot: "the card results". */
  what: string;
}

/**
 * Values kept on disk instead of in memory: one JSON line each, appended, read
 * back one at a time by position. In memory: the byte offset and length of each
 * line. The file (`.cardcheck-<prefix>-*.jsonl`, mode 0600) is removed from its
 * folder as soon as it is open, and read and written through its descriptor:
 * the system frees it when the process ends, however it ends (a SIGKILL too).
 * Where an open file cannot be removed (Windows), `dispose` deletes it, at the
 * latest when the process exits.
 *
 * A write that fails (disk full, a read-only folder) is kept as `error` and
 * stops the spool; reading a spool that failed is the caller's mistake.
 */
export class JsonSpool<T> {
  private fd: number | undefined;
  private file: string | undefined;
  private readonly starts: number[] = [];
  private readonly lengths: number[] = [];
  /** Bytes of every line appended, written or pending. */
  private size = 0;
  private written = 0;
  private pending: Buffer[] = [];
  private failure: string | undefined;
  private disposed = false;
  /** The file left its folder when it was opened. */
  private unlinked = false;

  constructor(
    private readonly dir: string,
    private readonly names: JsonSpoolNames,
  ) {}

  /** Values appended so far. */
  get count(): number {
    return this.starts.length;
  }

  /** Why the spool stopped keeping values, if it did. */
  get error(): string | undefined {
    return this.failure;
  }

  /** The spool file, once a value was appended (no longer in its folder where the system allows). */
  get path(): string | undefined {
    return this.file;
  }

  /** The open file's descriptor, once a value was appended. */
  get descriptor(): number | undefined {
    return this.fd;
  }

  /** Keep one value; returns its position (0-based, in the order appended). */
  append(value: T): number {
    const index = this.starts.length;
    this.starts.push(0);
    this.lengths.push(0);
    this.write(index, value);
    return index;
  }

  /** Keep another value at a position: a new line, the old one no longer read. */
  replace(index: number, value: T): void {
    if (index >= this.starts.length) throw new RangeError(`no value ${index} in the spool (${this.count} kept)`);
    this.write(index, value);
  }

  private write(index: number, value: T): void {
    if (this.failure || this.disposed) return;
    if (this.fd === undefined) this.open();
    if (this.failure) return;
    const line = Buffer.from(`${JSON.stringify(value)}\n`);
    this.starts[index] = this.size;
    this.lengths[index] = line.length - 1;
    this.size += line.length;
    this.pending.push(line);
    if (this.size - this.written >= FLUSH_AT) this.flush();
  }

  /** The value at a position, read back from the file. */
  at(index: number): T {
    if (this.failure) throw new Error(this.failure);
    const start = this.starts[index];
    const length = this.lengths[index] as number;
    if (start === undefined) throw new RangeError(`no value ${index} in the spool (${this.count} kept)`);
    if (start + length > this.written) this.flush();
    if (this.failure) throw new Error(this.failure);
    const bytes = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd as number, bytes, read, length - read, start + read);
      if (n === 0) throw new Error(`the spool ${this.file} ended early (was it removed?)`);
      read += n;
    }
    return JSON.parse(bytes.toString('utf8')) as T;
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
    if (this.file !== undefined && !this.unlinked) {
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

  /** The file is made with the first value, so a folder that cannot hold it is known then. */
  private open(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const name = `.cardcheck-${this.names.prefix}-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`;
      this.file = path.join(this.dir, name);
      removeAtExit(this);
      this.fd = openSync(this.file, 'wx+', 0o600);
    } catch (err) {
      this.fail(err);
      return;
    }
    try {
      unlinkSync(this.file);
      this.unlinked = true;
    } catch {
      // Removed by dispose instead.
    }
  }

  private fail(err: unknown): void {
    this.failure = `could not keep ${this.names.what} in ${this.file ?? this.dir}: ${messageOf(err)}`;
    this.pending = [];
  }
}
