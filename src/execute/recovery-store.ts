import { randomUUID } from 'node:crypto';
import { appendFileSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { JsonValue } from '../core/json.js';

/** The secret parts of one cleanup request: only what its journal entry says it needs. */
export interface SecretParts {
  headers?: Record<string, string>;
  query?: Record<string, string>;
  path?: string;
  body?: JsonValue;
  form?: Record<string, string>;
}

/** One entry of the store: the secret parts of each of its cleanups, by index. */
export interface StoredEntry {
  key: string;
  parts: (SecretParts | null)[];
}

interface StoreHeader {
  project: string;
  runId: string;
}

/** `$XDG_STATE_HOME/cardcheck/recovery`, by default `~/.local/state/cardcheck/recovery`: outside any project. */
export function recoveryDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : undefined;
  return path.join(base ?? path.join(homedir(), '.local', 'state'), 'cardcheck', 'recovery');
}

/** The store file of a run (run ids are UUIDs; anything else has no store). */
export function recoveryFile(env: Readonly<Record<string, string | undefined>>, runId: string): string | undefined {
  return /^[\w-]+$/.test(runId) ? path.join(recoveryDir(env), `${runId}.jsonl`) : undefined;
}

/** A new file holding `text`, created exclusively, readable by its owner only. */
function writeExclusive(file: string, text: string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/**
 * The opt-in recovery store (`cleanup: { recoveryStore: true }`): the secrets
 * the run's cleanups need, for `cardcheck cleanup` after a killed run. One
 * JSON line per entry; the file is made on the first entry (exclusively,
 * mode 0600), rewritten without an entry the moment it is cleaned, and
 * removed when none is left. It never goes into the project or a report.
 */
export class RecoveryStore {
  private readonly entries = new Map<string, StoredEntry>();
  private made = false;

  constructor(
    readonly file: string,
    private readonly header: StoreHeader,
  ) {}

  put(entry: StoredEntry): void {
    if (!this.made) {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      writeExclusive(this.file, `${JSON.stringify(this.header)}\n`);
      this.made = true;
    }
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    this.entries.set(entry.key, entry);
  }

  /** Forget an entry (it was cleaned); the file goes when nothing is left in it. */
  drop(key: string): void {
    if (!this.entries.delete(key)) return;
    rewriteStore(this.file, this.header, [...this.entries.values()]);
  }
}

/** Replace the store with these entries (a fresh 0600 file renamed over it), or remove it when there are none. */
export function rewriteStore(file: string, header: StoreHeader, entries: StoredEntry[]): void {
  if (entries.length === 0) {
    rmSync(file, { force: true });
    return;
  }
  const tmp = `${file}.${randomUUID()}.tmp`;
  writeExclusive(tmp, [header, ...entries].map((l) => `${JSON.stringify(l)}\n`).join(''));
  renameSync(tmp, file);
}

/** A run's store, when there is one and it belongs to this project. */
export function readStore(file: string, project: string): { header: StoreHeader; entries: StoredEntry[] } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n').flatMap((l) => {
    try {
      return l.trim() ? [JSON.parse(l) as unknown] : [];
    } catch {
      return [];
    }
  });
  const header = lines[0] as StoreHeader | undefined;
  if (!header || header.project !== project) return undefined;
  const entries = lines.slice(1).filter((l): l is StoredEntry => typeof (l as StoredEntry)?.key === 'string');
  return { header, entries };
}
