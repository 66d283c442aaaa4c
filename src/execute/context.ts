import type { BrowserDriver } from '../core/browser.js';
import type { JsonObject } from '../core/json.js';
import type { Redactor } from '../core/redact.js';
import type { RunEvent, RunResult } from '../core/result.js';
import type { HttpClient } from '../http/client.js';
import type { CardOutput } from '../plan/render.js';
import type { AuthResolver } from './auth.js';
import type { CleanupLedger } from './cleanup-ledger.js';
import type { Journal } from './journal.js';
import type { RetryState } from './send-with-retry.js';
import type { SharedFixtures } from './shared-fixtures.js';

/** Everything a card execution needs from the run, in one object. */
export interface ExecuteContext {
  http: HttpClient;
  auth: AuthResolver;
  /** Base URL of an API of the target; throws a TargetError when the target has none. */
  baseUrlFor: (api: string | undefined) => string;
  env: Readonly<Record<string, string | undefined>>;
  nextTimestamp: () => number;
  /** Run seed for faker; each card derives its own from it. */
  seed: number;
  onEvent: (event: RunEvent) => void;
  /** Values of cards that ran, for `{{card.<id>.…}}`. */
  outputs: Map<string, CardOutput & { outcome: string }>;
  /** Non-fresh resources shared by the run. */
  shared: SharedFixtures;
  /** Cleanups that wait for the end of the run (shared resources, cards other cards need). */
  runLedger: CleanupLedger;
  /** Response shapes recorded by --update-schemas, for drift checks. */
  recordedShapes?: ReadonlyMap<string, JsonObject>;
  /** When set, each card's final JSON response body is kept here (for --update-schemas). */
  captureBodies?: Map<string, unknown>;
  /** The cleanup ledger on disk, for `cardcheck cleanup` after a killed run. */
  journal?: Journal;
  /** Transport-level retries: policy, per-host limiter, run budget. */
  retry: RetryState;
  /** Re-runs of a failed card (--retries). */
  retries: number;
  /** Set when the run must stop (target unreachable, bail, interrupt): cards not started are skipped. */
  abort?: NonNullable<RunResult['aborted']>;
  /** Secrets seen so far; every result is redacted with it before it leaves the engine. */
  redactor: Redactor;
  /** `METHOD url` of every request that succeeded, to recognise a cleanup a card already did. */
  succeeded: Set<string>;
  /** With --browser: drives the browser flows of UID fields that only a person could otherwise produce. */
  browser?: BrowserDriver;
  /** How long a browser flow may wait for a page, an element or its redirect. @default 30000 */
  browserTimeoutMs?: number;
}

export class TargetError extends Error {
  readonly code = 'target-error';
}
