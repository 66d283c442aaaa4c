import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { CreatedLine, JournalLine, RunLine } from '../execute/journal.js';
import { PendingEntries, pendingEntries } from '../execute/journal.js';
import { readStore, recoveryFile, rewriteStore } from '../execute/recovery-store.js';

/** Where runs keep their cleanup journals, relative to the working directory. */
export const LEDGER_DIR = '.cardcheck/ledger';

/** The lines of a journal; a run killed mid-write can leave a torn last line, which is skipped. */
export function parseJournal(text: string): JournalLine[] {
  return text.split('\n').flatMap((l) => {
    try {
      return l.trim() ? [JSON.parse(l) as JournalLine] : [];
    } catch {
      return [];
    }
  });
}

export async function readLines(file: string): Promise<JournalLine[]> {
  return parseJournal(await readFile(file, 'utf8').catch(() => ''));
}

/** Whether a journal has a pending entry, read one line at a time (a large run's journal is not held whole). */
export async function hasPending(file: string): Promise<boolean> {
  const pending = new PendingEntries();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const text of lines) for (const line of parseJournal(text)) pending.add(line);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return pending.size > 0;
}

/** A finished run whose every resource was cleaned needs no journal (nor recovery store). */
export async function removeIfSettled(file: string, env: Readonly<Record<string, string | undefined>> = process.env) {
  if (await hasPending(file)) return;
  await rm(file, { force: true });
  const store = recoveryFile(env, path.basename(file, '.jsonl'));
  if (store) await rm(store, { force: true });
}

/** One journal on disk, as `cardcheck cleanup` sees it. */
export interface JournalInfo {
  runId: string;
  file: string;
  /** The run's first line (journals written before it existed have none). */
  run?: RunLine;
  /** Target name or URL of the run, else the origins its cleanups go to. */
  target: string;
  origins: string[];
  /** Last written, in ms since the epoch. */
  mtimeMs: number;
  pending: CreatedLine[];
}

function originsOf(pending: CreatedLine[]): string[] {
  const origins = new Set<string>();
  for (const e of pending)
    for (const c of e.cleanups) {
      try {
        origins.add(new URL(c.baseUrl).origin);
      } catch {
        origins.add(String(c.baseUrl));
      }
    }
  return [...origins];
}

/** The journals in `dir` (or only `runId`'s), oldest first. */
export async function readJournals(dir: string, runId?: string): Promise<JournalInfo[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter(
    (f) => f.endsWith('.jsonl') && (!runId || f === `${runId}.jsonl`),
  );
  const out: JournalInfo[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    const lines = await readLines(file);
    const run = lines.find((l): l is RunLine => l.op === 'run');
    const pending = pendingEntries(lines);
    const origins = originsOf(pending);
    const target = typeof run?.target === 'string' && run.target ? run.target : origins.join(', ') || '(unknown)';
    out.push({ runId: name.slice(0, -6), file, run, target, origins, mtimeMs: info.mtimeMs, pending });
  }
  return out.sort((a, b) => a.mtimeMs - b.mtimeMs);
}

/** Drop a journal and its recovery store: cardcheck stops tracking what it lists. */
export async function forgetJournal(j: JournalInfo, env: Readonly<Record<string, string | undefined>>) {
  await rm(j.file, { force: true });
  const store = recoveryFile(env, j.runId);
  if (store) await rm(store, { force: true });
}

/** The recovery store's parts for a run's entries, when the run opted in and the store belongs to this project. */
export function storedParts(env: Readonly<Record<string, string | undefined>>, runId: string, project: string) {
  const file = recoveryFile(env, runId);
  const store = file ? readStore(file, project) : undefined;
  const parts = new Map(store?.entries.map((e) => [e.key, e.parts]));
  return {
    parts,
    /** Forget a cleaned entry's secrets at once. */
    drop(key: string): void {
      if (!file || !store || !parts.delete(key)) return;
      rewriteStore(
        file,
        store.header,
        [...parts].map(([k, p]) => ({ key: k, parts: p })),
      );
    },
  };
}

/** Pending entries of the newest journal, read synchronously (for a forced exit). */
export function pendingInNewestJournal(
  cwd: string,
  ledgerDir = LEDGER_DIR,
): { file: string; createdBy: string; id: string; mayExist?: true }[] {
  const dir = path.resolve(cwd, ledgerDir);
  let newest: { file: string; mtime: number } | undefined;
  for (const f of readdirSyncSafe(dir)) {
    const mtime = statSync(path.join(dir, f)).mtimeMs;
    if (!newest || mtime > newest.mtime) newest = { file: path.join(dir, f), mtime };
  }
  if (!newest) return [];
  return pendingEntries(parseJournal(readFileSync(newest.file, 'utf8'))).map((e) => ({
    file: e.file,
    createdBy: e.createdBy,
    id: e.id,
    ...(e.mayExist ? { mayExist: e.mayExist } : {}),
  }));
}

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
}
