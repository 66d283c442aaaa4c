import { SECRET_KEY } from '../core/redact.js';
import { renderJson, renderPath, renderRecord } from '../plan/render.js';
import type { CleanupLedger, LedgerEntry } from './cleanup-ledger.js';
import type { ExecuteServices } from './context.js';
import type { JournalCleanup } from './journal.js';

/** Render an entry's cleanups for the disk journal; credentials stay out (the profile name goes in). */
function renderForJournal(entry: LedgerEntry, services: ExecuteServices): JournalCleanup[] | undefined {
  try {
    return entry.cleanups.map((c) => ({
      method: c.method,
      baseUrl: services.baseUrlFor(entry.api),
      path: renderPath(c.path, entry.scope),
      query: renderRecord(c.query, entry.scope),
      headers: Object.fromEntries(
        Object.entries(renderRecord(c.headers, entry.scope)).filter(([k]) => !SECRET_KEY.test(k)),
      ),
      body: c.body === undefined ? undefined : renderJson(c.body, entry.scope),
      form: c.form === undefined ? undefined : renderRecord(c.form, entry.scope),
      auth: c.auth ?? entry.auth,
      api: entry.api,
    }));
  } catch {
    return undefined;
  }
}

/** Add to the in-memory ledger and, when the run keeps one, to the journal on disk. */
export function recordCreated(ledger: CleanupLedger, entry: LedgerEntry, services: ExecuteServices): void {
  if (services.journal) {
    const cleanups = renderForJournal(entry, services);
    entry.journalKey = services.journal.created({
      file: entry.file,
      createdBy: entry.createdBy,
      field: entry.field,
      id: entry.id,
      cleanups: cleanups ?? [],
      ...(cleanups
        ? entry.cleanupNote
          ? { note: entry.cleanupNote }
          : {}
        : { note: 'the cleanup could not be rendered when the resource was created' }),
    });
  }
  ledger.add(entry);
}

export function markCleaned(services: ExecuteServices) {
  return (entry: LedgerEntry) => {
    if (entry.journalKey) services.journal?.cleaned(entry.journalKey);
  };
}
