import type { LookupFunction } from 'node:net';
import type { BrowserDriver } from '../core/browser.js';
import type { Config } from '../core/config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { StandardsLevel } from '../core/endpoint-kind.js';
import type { RunEvent, RunResult, TraceMode } from '../core/result.js';
import type { RetryPolicy } from '../execute/retry-policy.js';
import type { HeldBackCard } from '../plan/production-guard.js';
import type { Selection } from '../plan/select-cards.js';
import type { SandboxOptions } from '../sandbox/server.js';
import type { DryRunCard } from './dry-run.js';
import type { Project } from './load-project.js';

export interface RunCardsOptions {
  /** Card files or folders. @default ['specs'] */
  paths?: string[];
  /** @default process.cwd() */
  cwd?: string;
  /** A target name from the config, or a base URL. Default: the config's defaultTarget (the embedded sandbox without a config). */
  target?: string;
  /** A config file; else cardcheck.config.yaml/.yml/.json in cwd or the nearest folder above (to the repo root) when present. */
  configFile?: string;
  /** A config object instead of a file. */
  config?: Config;
  /** Cards and config already loaded with loadProject (the vitest adapter reads them to name its tests); `paths`, `config` and `configFile` are then not read again. */
  project?: Project;
  /**
   * Suites of this many cards or more are planned lean: each card is read, linted and planned on its own and read
   * again when it runs, so the run does not hold every parsed card (src/runner/load-lean.ts). @default 2000
   */
  leanFrom?: number;
  /**
   * Give each card's result only to `onEvent` (`card-end`) and keep none: the result's `cards` is empty and
   * `cardsStreamed` set. Ignored with `updateCards` / `updateSchemas`, which write back from the results. @default false
   */
  streamCards?: boolean;
  /** A .env file; ./.env is read when present. */
  envFile?: string;
  /** Environment to use instead of process.env. */
  env?: NodeJS.ProcessEnv;
  /** Faker seed; a random one is chosen (and reported) when absent. */
  seed?: number;
  /** Per-request deadline: connecting, headers and the whole body. @default 30000 */
  timeoutMs?: number;
  /** Response body byte cap per request (a card's `maxBodyBytes` wins; the target's when absent). @default 8 MiB */
  maxBodyBytes?: number;
  /** Re-run a failed card up to this many times; one that then passes is `flaky`. @default 0 */
  retries?: number;
  /**
   * Which cards keep their request/response exchanges in the result: all (`on`), none (`off`), or failed, errored
   * and flaky ones (`retain-on-failure`). A card whose exchanges were dropped has `requestsKept: false` and keeps its
   * verdict, checks, attempts and `status`. @default 'retain-on-failure'
   */
  trace?: TraceMode;
  /** `--standards`: the OAuth standards level of every API, instead of the config's (docs/standards.md). */
  standards?: StandardsLevel;
  /** Cards run at once. @default 1 */
  concurrency?: number;
  /** Stop starting cards after this many failures. */
  bail?: number;
  /** Which cards to run (filters, last failures, shard). Cards they need always run. */
  select?: Selection;
  /** Host name lookup for every request (tests inject one instead of real DNS). */
  lookup?: LookupFunction;
  /** Whole-run timeout: after it, no new card starts, requests in flight are stopped, cleanups run with a short deadline. */
  runTimeoutMs?: number;
  /** Print every request that would be sent (redacted) and send nothing. */
  dryRun?: boolean;
  /** Stops the run: no new card starts; cards in flight finish and everything is cleaned up. */
  signal?: AbortSignal;
  /** Where the cleanup journal goes (for `cardcheck cleanup`). @default .cardcheck/ledger; false: none */
  ledgerDir?: string | false;
  /** Transport-level retries of 429/503 and lost connections. */
  retryPolicy?: Partial<RetryPolicy>;
  /**
   * Drive the browser flows of UID fields only a person could otherwise
   * produce (an authorization code from a consent page) in headless Chromium;
   * without it those cards are skipped with their reason. A driver of your own
   * may be given instead of `true`.
   */
  browser?: boolean | BrowserDriver;
  /** How long one step of a browser flow (open, fill, click) may wait; the whole flow keeps `timeoutMs`. @default 10000 */
  browserStepTimeoutMs?: number;
  /** The reports folder (`--out`): a failed browser flow leaves its screenshot (and trace) under `browser/` there. */
  reportsDir?: string;
  /** Rewrite passing cards' verifiedAt, status and timesReused after the run. */
  updateCards?: boolean;
  /** Record passing cards' response shapes under `schemasDir`; later runs report drift against them. */
  updateSchemas?: boolean;
  /** @default fixtures/schemas/recorded */
  schemasDir?: string;
  /** On a target marked `production: true`, run cards that send requests other than GET/HEAD too. @default false */
  allowMutations?: boolean;
  /** Options for the embedded sandbox, when the target is embedded (faults, contract breaks, clock). */
  sandbox?: SandboxOptions;
  onEvent?: (event: RunEvent) => void;
}

export interface RunCardsResult extends RunResult {
  /** Paths given that do not exist. */
  missing: string[];
  /** True when the embedded sandbox served the run. */
  sandbox: boolean;
  /** Name of the target (or the URL given). */
  targetName: string;
  /** With `dryRun`: the requests each card would send, in order (redacted). Nothing was sent. */
  dryRun?: DryRunCard[];
  /** Cards whose front-matter --update-cards rewrote. */
  updatedCards: string[];
  /** Shape files --update-schemas wrote. */
  recordedSchemas: string[];
  /** Cards a production target held back because they would send something other than GET/HEAD. */
  heldBack: HeldBackCard[];
  /** Config warnings (errors stop the run with a `config-invalid` CardcheckError). */
  configDiagnostics: Diagnostic[];
}
