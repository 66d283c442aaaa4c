import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadTargetTls, tlsByOrigin } from '../config/tls-files.js';
import type { Config } from '../core/config.js';
import { Redactor } from '../core/redact.js';
import { createAuthResolver } from '../execute/auth.js';
import { createCardFaker } from '../execute/card-seed.js';
import type { JournalLine } from '../execute/journal.js';
import { pendingEntries } from '../execute/journal.js';
import { createHttpClient } from '../http/client.js';
import type { TlsSettings } from '../http/dispatchers.js';
import { proxySettingsFromEnv } from '../http/proxy-env.js';
import { loadEnv } from './load-env.js';
import { loadConfig } from './load-project.js';

/** TLS settings of every configured target whose hosts the journals' cleanups go to. */
async function tlsForJournals(config: Config, cwd: string, files: string[]): Promise<Record<string, TlsSettings>> {
  const origins = new Set<string>();
  for (const f of files)
    for (const l of await readLines(f))
      if (l.op === 'created') for (const c of l.cleanups) origins.add(new URL(c.baseUrl).origin);
  const out: Record<string, TlsSettings> = {};
  for (const target of Object.values(config.targets)) {
    if (!Object.values(target.apis).some((u) => /^https?:/.test(u) && origins.has(new URL(u).origin))) continue;
    const { material } = await loadTargetTls(target, config, cwd);
    Object.assign(out, tlsByOrigin(target.apis, material));
  }
  return out;
}

/** Where runs keep their cleanup journals, relative to the working directory. */
export const LEDGER_DIR = '.cardcheck/ledger';

/** The lines of a journal; a run killed mid-write can leave a torn last line, which is skipped. */
function parseJournal(text: string): JournalLine[] {
  return text.split('\n').flatMap((l) => {
    try {
      return l.trim() ? [JSON.parse(l) as JournalLine] : [];
    } catch {
      return [];
    }
  });
}

async function readLines(file: string): Promise<JournalLine[]> {
  return parseJournal(await readFile(file, 'utf8').catch(() => ''));
}

/** A finished run whose every resource was cleaned needs no journal. */
export async function removeIfSettled(file: string): Promise<void> {
  if (pendingEntries(await readLines(file)).length === 0) await rm(file, { force: true });
}

export interface CleanupOptions {
  cwd: string;
  /** Only this run's journal. */
  runId?: string;
  envFile?: string;
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  ledgerDir?: string;
}

export interface CleanupReport {
  runs: string[];
  cleaned: { file: string; createdBy: string; id: string }[];
  remaining: { file: string; createdBy: string; id: string; reason: string }[];
}

/** Undo what killed runs left behind, from their journals on disk. */
export async function cleanupFromJournals(opts: CleanupOptions): Promise<CleanupReport> {
  const dir = path.resolve(opts.cwd, opts.ledgerDir ?? LEDGER_DIR);
  const files = (await readdir(dir).catch(() => [] as string[])).filter(
    (f) => f.endsWith('.jsonl') && (!opts.runId || f === `${opts.runId}.jsonl`),
  );
  const report: CleanupReport = { runs: files.map((f) => f.slice(0, -6)), cleaned: [], remaining: [] };
  if (files.length === 0) return report;
  const env = await loadEnv(opts.cwd, opts.envFile, opts.env ?? process.env);
  const { config } = await loadConfig(opts.cwd, opts.configFile);
  const http = createHttpClient({
    tls: await tlsForJournals(
      config,
      opts.cwd,
      files.map((f) => path.join(dir, f)),
    ),
    proxy: proxySettingsFromEnv(env),
  });
  const redactor = new Redactor();
  redactor.addFromEnv(env);
  try {
    for (const f of files) {
      const file = path.join(dir, f);
      const lines = await readLines(file);
      const apiBase = new Map<string, string>();
      for (const l of lines)
        if (l.op === 'created') for (const c of l.cleanups) if (c.api) apiBase.set(c.api, c.baseUrl);
      const auth = createAuthResolver(
        config.profiles,
        http,
        (api) => (api && apiBase.get(api)) || [...apiBase.values()][0] || '',
      );
      const scope = { timestamp: Date.now(), faker: createCardFaker(0, 'cleanup'), fields: new Map(), env };
      for (const entry of pendingEntries(lines).reverse()) {
        const what = { file: entry.file, createdBy: entry.createdBy, id: entry.id };
        if (entry.cleanups.length === 0) {
          report.remaining.push({
            ...what,
            reason: entry.note ? `no cleanup declared (${entry.note})` : 'no cleanup declared',
          });
          continue;
        }
        let failure: string | undefined;
        for (const c of entry.cleanups) {
          try {
            const headers = { ...(await auth.headersFor(c.auth, scope)), ...c.headers };
            const res = await http.send({
              baseUrl: c.baseUrl,
              method: c.method,
              path: c.path,
              query: c.query,
              headers,
              body: c.body,
              form: c.form,
            });
            // Already gone counts as clean: the killed run may have deleted it before dying.
            if (!(res.status < 300 || res.status === 404 || res.status === 410))
              failure = `${c.method} ${c.path} answered ${res.status}`;
          } catch (err) {
            failure = redactor.redact(err instanceof Error ? err.message : String(err));
          }
        }
        if (failure) report.remaining.push({ ...what, reason: failure });
        else {
          report.cleaned.push(what);
          appendFileSync(file, `${JSON.stringify({ op: 'cleaned', key: entry.key, at: new Date().toISOString() })}\n`);
        }
      }
      await removeIfSettled(file);
    }
  } finally {
    await http.close();
  }
  return report;
}

/** Pending entries of the newest journal, read synchronously (for a forced exit). */
export function pendingInNewestJournal(
  cwd: string,
  ledgerDir = LEDGER_DIR,
): { file: string; createdBy: string; id: string }[] {
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
  }));
}

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
}
