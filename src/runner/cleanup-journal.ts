import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { loadTargetTls, tlsByOrigin } from '../config/tls-files.js';
import type { Config } from '../core/config.js';
import { CLEANUP_DEFAULTS } from '../core/config.js';
import { isCardcheckError } from '../core/errors.js';
import { Redactor } from '../core/redact.js';
import { createAuthResolver } from '../execute/auth.js';
import { createCardFaker } from '../execute/card-seed.js';
import { createHttpClient } from '../http/client.js';
import type { TlsSettings } from '../http/dispatchers.js';
import { proxySettingsFromEnv } from '../http/proxy-env.js';
import type { CleanupSender } from './cleanup-send.js';
import { createCleanupSender, missingNeeds, profileEnv } from './cleanup-send.js';
import type { JournalInfo } from './journal-files.js';
import { forgetJournal, LEDGER_DIR, readJournals, removeIfSettled, storedParts } from './journal-files.js';
import { loadEnv } from './load-env.js';
import { loadConfig, projectDir } from './load-project.js';
import { withEnvUrls } from './resolve-target.js';

export { LEDGER_DIR, pendingInNewestJournal, removeIfSettled } from './journal-files.js';

/** Origins `cardcheck cleanup` may send to: the configured targets', and the one `--target URL` gives. */
export function allowedOrigins(
  config: Config,
  env: Readonly<Record<string, string | undefined>>,
  target?: string,
): Set<string> {
  const origins = new Set<string>();
  for (const t of Object.values(config.targets)) {
    let apis: Record<string, string>;
    try {
      apis = withEnvUrls(t, env).apis;
    } catch {
      continue; // A base URL whose variable is unset names no origin.
    }
    for (const url of Object.values(apis)) if (/^https?:\/\//i.test(url)) origins.add(new URL(url).origin);
  }
  if (target) origins.add(new URL(target).origin);
  return origins;
}

/** TLS settings of every configured target whose hosts the journals' cleanups go to. */
async function tlsForJournals(config: Config, cwd: string, origins: Set<string>): Promise<Record<string, TlsSettings>> {
  const out: Record<string, TlsSettings> = {};
  for (const target of Object.values(config.targets)) {
    if (!Object.values(target.apis).some((u) => /^https?:/.test(u) && origins.has(new URL(u).origin))) continue;
    const { material } = await loadTargetTls(target, config, cwd);
    Object.assign(out, tlsByOrigin(target.apis, material));
  }
  return out;
}

export interface CleanupOptions {
  cwd: string;
  /** Only this run's journal (tried whatever its age). */
  runId?: string;
  /** `--target URL`: its origin may be sent to (the consent for journals of `run --target URL`). */
  target?: string;
  /** Skip journals last written longer ago than this; default: the config's `cleanup.maxAgeDays`. */
  maxAgeDays?: number;
  envFile?: string;
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  ledgerDir?: string;
}

type Entry = { file: string; createdBy: string; id: string };

export interface CleanupReport {
  runs: string[];
  cleaned: Entry[];
  remaining: (Entry & { reason: string })[];
  /** Journals naming an origin that is not a configured target's: nothing of them was sent. */
  notFollowed: { journal: string; origins: string[] }[];
  /** Journals older than the age limit, not tried. */
  skipped: { runId: string; target: string; ageDays: number; left: number }[];
  /** Journals whose target did not answer: the rest of their entries wait for another try. */
  unreachable: { runId: string; target: string; message: string; left: number }[];
  /** Journals of runs against the embedded sandbox, which ended with the run: removed. */
  ended: { runId: string; left: number }[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Undo what killed runs left behind, from their journals on disk, sending only to allowed origins. */
export async function cleanupFromJournals(opts: CleanupOptions): Promise<CleanupReport> {
  const dir = path.resolve(opts.cwd, opts.ledgerDir ?? LEDGER_DIR);
  const journals = await readJournals(dir, opts.runId);
  const report: CleanupReport = {
    runs: journals.map((j) => j.runId),
    ...{ cleaned: [], remaining: [], notFollowed: [], skipped: [], unreachable: [], ended: [] },
  };
  if (journals.length === 0) return report;
  const env = await loadEnv(opts.cwd, opts.envFile, opts.env ?? process.env);
  const { config } = await loadConfig(opts.cwd, opts.configFile);
  const allowed = allowedOrigins(config, env, opts.target);
  const maxAgeDays = opts.maxAgeDays ?? config.cleanup?.maxAgeDays ?? CLEANUP_DEFAULTS.maxAgeDays;
  const toTry: JournalInfo[] = [];
  for (const j of journals) {
    const ageDays = (Date.now() - j.mtimeMs) / DAY_MS;
    if (j.pending.length === 0) await removeIfSettled(j.file, env);
    else if (j.run?.embedded) {
      report.ended.push({ runId: j.runId, left: j.pending.length });
      await forgetJournal(j, env);
    } else if (!opts.runId && ageDays > maxAgeDays)
      report.skipped.push({ runId: j.runId, target: j.target, ageDays, left: j.pending.length });
    else if (j.origins.some((o) => !allowed.has(o)))
      report.notFollowed.push({
        journal: path.relative(opts.cwd, j.file),
        origins: j.origins.filter((o) => !allowed.has(o)),
      });
    else toTry.push(j);
  }
  if (toTry.length === 0) return report;
  const origins = new Set(toTry.flatMap((j) => j.origins));
  const http = createHttpClient({
    tls: await tlsForJournals(config, opts.cwd, origins),
    proxy: proxySettingsFromEnv(env),
  });
  const redactor = new Redactor();
  redactor.addFromEnv(env);
  try {
    for (const j of toTry) {
      const auth = createAuthResolver(config.profiles, http, apiBases(j));
      const send = createCleanupSender(http, auth, profileEnv(config, env), redactor);
      await cleanJournal(j, { send, env, project: projectDir(config, opts.cwd), report, redactor });
    }
  } finally {
    await http.close();
  }
  return report;
}

function apiBases(j: JournalInfo): (api: string | undefined) => string {
  const apiBase = new Map<string, string>();
  for (const e of j.pending) for (const c of e.cleanups) if (c.api) apiBase.set(c.api, c.baseUrl);
  return (api) => (api && apiBase.get(api)) || [...apiBase.values()][0] || '';
}

/** One journal's pending entries, newest first; an unreachable target stops this journal only. */
async function cleanJournal(
  j: JournalInfo,
  ctx: { send: CleanupSender; env: NodeJS.ProcessEnv; project: string; report: CleanupReport; redactor: Redactor },
): Promise<void> {
  const { report } = ctx;
  const store = storedParts(ctx.env, j.runId, ctx.project);
  const scope = { timestamp: Date.now(), faker: createCardFaker(0, 'cleanup'), fields: new Map(), env: ctx.env };
  const entries = [...j.pending].reverse();
  for (const [i, entry] of entries.entries()) {
    const what = { file: entry.file, createdBy: entry.createdBy, id: entry.id };
    if (entry.mayExist) {
      report.remaining.push({
        ...what,
        reason: `may exist: the run ended while this create was in flight (sent ${entry.at}), so nothing recorded what it made; check the target, then cardcheck cleanup --forget ${j.runId}`,
      });
      continue;
    }
    if (entry.cleanups.length === 0) {
      report.remaining.push({
        ...what,
        reason: entry.note ? `no cleanup declared (${entry.note})` : 'no cleanup declared',
      });
      continue;
    }
    const parts = store.parts.get(entry.key);
    const missing = missingNeeds(entry, parts);
    if (missing) {
      report.remaining.push({ ...what, reason: missing });
      continue;
    }
    let failure: string | undefined;
    try {
      for (const [k, c] of entry.cleanups.entries()) failure ??= await ctx.send(c, parts?.[k] ?? undefined, scope);
    } catch (err) {
      const message = ctx.redactor.redact(err instanceof Error ? err.message : String(err));
      if (isCardcheckError(err, 'transport')) {
        report.unreachable.push({ runId: j.runId, target: j.target, message, left: entries.length - i });
        return;
      }
      failure = message;
    }
    if (failure) report.remaining.push({ ...what, reason: failure });
    else {
      report.cleaned.push(what);
      appendFileSync(j.file, `${JSON.stringify({ op: 'cleaned', key: entry.key, at: new Date().toISOString() })}\n`);
      store.drop(entry.key);
    }
  }
  await removeIfSettled(j.file, ctx.env);
}
