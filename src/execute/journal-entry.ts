import { transportKind } from '../core/errors.js';
import { SECRET_KEY } from '../core/redact.js';
import { renderJson, renderPath, renderRecord, renderString } from '../plan/render.js';
import { basicHeader } from './auth.js';
import type { CleanupLedger, LedgerEntry } from './cleanup-ledger.js';
import type { ExecuteServices } from './context.js';
import type { JournalCleanup } from './journal.js';
import type { SecretCheck } from './journal-seal.js';
import { sealCleanup, secretCheck, secretLabel } from './journal-seal.js';
import type { SecretParts } from './recovery-store.js';

interface Sealed {
  cleanups: JournalCleanup[];
  parts: (SecretParts | null)[];
}

/**
 * Render an entry's cleanups for the disk journal. The profile's credentials
 * stay out (its name goes in); a secret value the cleanup holds (a header
 * such as Authorization, a token in the path, query or body) is left out and
 * named in `needs`. The run's own cleanups render again from memory.
 */
function renderForJournal(entry: LedgerEntry, services: ExecuteServices, check: SecretCheck): Sealed | undefined {
  try {
    const sealed = entry.cleanups.map((c) => {
      const headers = renderRecord(c.headers, entry.scope);
      const basic: Record<string, string> = c.basic
        ? {
            authorization: basicHeader(
              renderString(c.basic.username, entry.scope),
              renderString(c.basic.password, entry.scope),
            ),
          }
        : {};
      const rendered: JournalCleanup = {
        method: c.method,
        baseUrl: services.baseUrlFor(entry.api),
        path: renderPath(c.path, entry.scope),
        query: renderRecord(c.query, entry.scope),
        headers: { ...basic, ...headers },
        body: c.body === undefined ? undefined : renderJson(c.body, entry.scope),
        form: c.form === undefined ? undefined : renderRecord(c.form, entry.scope),
        auth: c.auth ?? entry.auth,
        api: entry.api,
      };
      return sealCleanup(rendered, c.headers, check);
    });
    return { cleanups: sealed.map((s) => s.sealed), parts: sealed.map((s) => s.parts ?? null) };
  } catch {
    return undefined;
  }
}

/** The id as the journal shows it: a random label when it is itself a secret. */
function journalId(entry: LedgerEntry, check: SecretCheck): string {
  return SECRET_KEY.test(entry.field) || check.has(entry.id) ? secretLabel() : entry.id;
}

/** Add to the in-memory ledger and, when the run keeps one, to the journal on disk (without secrets). */
export function recordCreated(ledger: CleanupLedger, entry: LedgerEntry, services: ExecuteServices): void {
  if (services.journal) {
    const check = secretCheck(services.redactor, entry.scope.fields);
    const sealed = renderForJournal(entry, services, check);
    const secrets = sealed?.parts.some((p) => p !== null) ? sealed.parts : undefined;
    entry.journalKey = services.journal.created(
      {
        file: entry.file,
        createdBy: entry.createdBy,
        field: entry.field,
        id: journalId(entry, check),
        cleanups: sealed?.cleanups ?? [],
        ...(entry.intentKey ? { intent: entry.intentKey } : {}),
        ...(sealed
          ? entry.cleanupNote
            ? { note: check.scrub(entry.cleanupNote) }
            : {}
          : { note: 'the cleanup could not be rendered when the resource was created' }),
      },
      secrets,
    );
  }
  ledger.add(entry);
}

export function markCleaned(services: ExecuteServices) {
  return (entry: LedgerEntry) => {
    if (entry.journalKey) services.journal?.cleaned(entry.journalKey);
  };
}

/**
 * Send a create with its intent in the journal: written before the request
 * leaves, settled once `send` has handled the answer (what it made is then
 * recorded). A lost connection or a timeout leaves the intent unsettled: the
 * create may have been made, and `cardcheck cleanup` says so.
 */
export async function withIntent<T>(
  services: Pick<ExecuteServices, 'journal'>,
  intent: { file: string; createdBy: string },
  send: (intentKey?: string) => Promise<T>,
): Promise<T> {
  const key = services.journal?.intent(intent);
  if (key === undefined) return send();
  let settle = true;
  try {
    return await send(key);
  } catch (err) {
    const kind = transportKind(err);
    settle = kind !== 'reset' && kind !== 'timeout';
    throw err;
  } finally {
    if (settle) services.journal?.settled(key);
  }
}
