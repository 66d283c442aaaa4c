import type { BrowserDriver } from '../core/browser.js';
import type { JsonObject } from '../core/json.js';
import type { Redactor } from '../core/redact.js';
import type { RunEvent, RunResult, TraceMode } from '../core/result.js';
import type { HttpClient } from '../http/client.js';
import type { CredentialFlows } from '../plan/credential-flows.js';
import type { CardOutput } from '../plan/render.js';
import type { StandardsSettings } from '../standards/card-standards.js';
import type { AuthResolver } from './auth.js';
import type { CleanupLedger } from './cleanup-ledger.js';
import type { Journal } from './journal.js';
import type { PostponedChecks } from './postponed-checks.js';
import type { RetryPolicy } from './retry-policy.js';
import type { Clock, RetryBudget } from './send-with-retry.js';
import type { SharedFixtures } from './shared-fixtures.js';
import type { SucceededRequests } from './succeeded-requests.js';

/**
 * What card executions call on: the target, credentials, the browser, the
 * journal on disk, the redactor, the run's listener. Made once for the run,
 * before the first card, and closed after the last.
 */
export interface ExecuteServices {
  http: HttpClient;
  auth: AuthResolver;
  /** Base URL of an API of the target; throws a `target-api-missing` error when the target has none. */
  baseUrlFor: (api: string | undefined) => string;
  /** Secrets seen so far; every result is redacted with it before it leaves the engine. */
  redactor: Redactor;
  onEvent: (event: RunEvent) => void;
  /** The cleanup ledger on disk, for `cardcheck cleanup` after a killed run. */
  journal?: Journal;
  /** With --browser: drives the browser flows of UID fields that only a person could otherwise produce. */
  browser?: BrowserDriver;
  /** Time as transport retries see it (tests pass their own). */
  clock: Clock;
}

/** How the run was asked to go: fixed before the first card starts, never changed by a card. */
export interface ExecuteSettings {
  env: Readonly<Record<string, string | undefined>>;
  /** Run seed for faker; each card derives its own from it. */
  seed: number;
  /** Which cards keep their request/response exchanges (--trace). @default 'retain-on-failure' */
  trace?: TraceMode;
  /** Re-runs of a failed card (--retries). */
  retries: number;
  /** Transport-level retries of 429/503 and lost connections. */
  retryPolicy: RetryPolicy;
  /** How long a browser flow may wait for a page, an element or its redirect. @default 30000 */
  browserTimeoutMs?: number;
  /** How long one step of a browser flow may wait for its page or element. @default 10000 */
  browserStepTimeoutMs?: number;
  /** The run's reports folder (`--out`), absolute: a failed browser flow leaves its screenshot under browser/ there. */
  reportsDir?: string;
  /** Response shapes recorded by --update-schemas, for drift checks. */
  recordedShapes?: ReadonlyMap<string, JsonObject>;
  /** The config's per-API standards levels and kinds, and --standards. */
  standards?: StandardsSettings;
  /** A card file's text, to place a failed schema keyword at its line (read again only then). */
  cardText?: (file: string) => string | undefined;
}

/** What the run builds up as its cards execute, shared by all of them. */
export interface RunState {
  /** `{{timestamp}}`: one value per card execution, increasing across the run. */
  nextTimestamp: () => number;
  /** Values of cards that ran, for `{{card.<id>.…}}`. */
  outputs: Map<string, CardOutput & { outcome: string }>;
  /** Non-fresh resources shared by the run. */
  shared: SharedFixtures;
  /** Cleanups that wait for the end of the run (shared resources, cards other cards need). */
  runLedger: CleanupLedger;
  /** The requests that succeeded while a cleanup they could have done was pending (a delete card's). */
  succeeded: SucceededRequests;
  /** Transport retries left in the run, and the hosts that asked to slow down. */
  retryBudget: RetryBudget;
  /** Set when the run must stop (target unreachable, bail, interrupt): cards not started are skipped. */
  abort?: NonNullable<RunResult['aborted']>;
  /** Captured values the run puts into credentials: tracked as secrets when captured (set by executePlan). */
  credentialFlows?: CredentialFlows;
  /** Follow-up checks that wait for the end of the run, and the cards whose results wait with them. */
  postponed?: PostponedChecks;
  /** When set, each card's final JSON response body is kept here (for --update-schemas). */
  captureBodies?: Map<string, unknown>;
}

/** Everything a card execution needs from the run: what it calls, how the run goes, what the run has so far. */
export interface ExecuteContext {
  services: ExecuteServices;
  settings: ExecuteSettings;
  state: RunState;
}
