import { scanPlaceholders } from '../card/placeholders.js';
import type { Config } from '../core/config.js';
import { profileSettings } from '../core/config.js';
import type { Redactor } from '../core/redact.js';
import type { AuthResolver } from '../execute/auth.js';
import type { CreatedLine, JournalCleanup } from '../execute/journal.js';
import type { SecretParts } from '../execute/recovery-store.js';
import { outsideBase } from '../execute/request-safety.js';
import type { HttpClient } from '../http/client.js';
import type { RenderScope } from '../plan/render.js';
import { renderRecord } from '../plan/render.js';

/** Sends one journalled cleanup; resolves to why it did not work, or undefined. Transport errors are thrown. */
export type CleanupSender = (
  c: JournalCleanup,
  parts: SecretParts | undefined,
  scope: RenderScope,
) => Promise<string | undefined>;

function joinNeeds(needs: string[]): string {
  return needs.length <= 1 ? (needs[0] ?? '') : `${needs.slice(0, -1).join(', ')} and ${needs.at(-1)}`;
}

/**
 * Why an entry cannot be sent: a cleanup needs a secret the journal does not
 * hold, and the recovery store has no copy. Such an entry is listed, never
 * sent without it.
 */
export function missingNeeds(entry: CreatedLine, parts: (SecretParts | null)[] | undefined): string | undefined {
  const needs = entry.cleanups.flatMap((c, k) => (c.needs?.length && !parts?.[k] ? c.needs : []));
  if (needs.length === 0) return undefined;
  const why = entry.stored
    ? 'the recovery store has no copy of it (removed, or kept under another XDG_STATE_HOME)'
    : 'the run did not keep it; opt in with `cleanup: { recoveryStore: true }` (docs/security.md), or remove it by hand';
  return `needs ${joinNeeds([...new Set(needs)])}, not stored: ${why}`;
}

/** Redact every secret of the stored parts, so no message shows one. */
function trackParts(parts: SecretParts | undefined, redactor: Redactor): void {
  if (!parts) return;
  for (const v of Object.values(parts.headers ?? {})) {
    redactor.add(v);
    redactor.add(v.replace(/^(Bearer|Basic)\s+/i, ''));
  }
  for (const v of Object.values(parts.query ?? {})) redactor.add(v);
  for (const v of Object.values(parts.form ?? {})) redactor.add(v);
  redactor.addFromJson(parts.body, true);
}

/**
 * The variables a journal's `envHeaders` may read: those the config's auth
 * profiles use. A journal is a file anyone can commit; it must not make
 * cleanup send another variable's value.
 */
export function profileEnv(
  config: Config,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const names = Object.values(config.profiles)
    .flatMap((p) => profileSettings(p))
    .flatMap((s) => scanPlaceholders(s.value))
    .filter((m) => m.expr.startsWith('env.'))
    .map((m) => m.expr.slice(4));
  return Object.fromEntries(names.map((n) => [n, env[n]]));
}

/** Why an `envHeaders` template cannot be filled: a variable no auth profile uses, or one that is unset. */
function envHeaderProblem(c: JournalCleanup, headerEnv: Record<string, string | undefined>): string | undefined {
  for (const [name, template] of Object.entries(c.envHeaders ?? {}))
    for (const m of scanPlaceholders(template))
      if (!m.expr.startsWith('env.') || headerEnv[m.expr.slice(4)] === undefined)
        return `the ${name} header needs ${m.raw}, which is not a set variable of the config's auth profiles; not sent`;
  return undefined;
}

export function createCleanupSender(
  http: HttpClient,
  auth: AuthResolver,
  headerEnv: Record<string, string | undefined>,
  redactor: Redactor,
): CleanupSender {
  return async (c, parts, scope) => {
    trackParts(parts, redactor);
    const problem = envHeaderProblem(c, headerEnv);
    if (problem) return problem;
    const headers = {
      ...(await auth.headersFor(c.auth, scope)),
      ...renderRecord(c.envHeaders ?? {}, { ...scope, env: headerEnv }),
      ...c.headers,
      ...parts?.headers,
    };
    const req = {
      baseUrl: c.baseUrl,
      method: c.method,
      path: parts?.path ?? c.path,
      query: { ...c.query, ...parts?.query },
      headers,
      body: parts?.body ?? c.body,
      form: parts?.form ?? c.form,
    };
    const outside = outsideBase(req);
    if (outside) return `${c.method} ${c.path} was not sent: ${outside}`;
    const res = await http.send(req);
    // Already gone counts as clean: the killed run may have deleted it before dying.
    if (res.status < 300 || res.status === 404 || res.status === 410) return undefined;
    return `${c.method} ${c.path} answered ${res.status}`;
  };
}
