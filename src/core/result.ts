import type { BrowserArtefacts, BrowserUsed } from './browser.js';
import type { Diagnostic } from './diagnostic.js';

/** `flaky`: failed, then passed on a retry. Counted apart from passed everywhere. */
export type Outcome = 'passed' | 'failed' | 'flaky' | 'skipped' | 'errored';

/** One thing a check compared. Verdicts are values, not exceptions. */
export interface CheckResult {
  kind: 'status' | 'schema' | 'body' | 'assertion' | 'duration' | 'drift' | 'standard';
  passed: boolean;
  /** JSON pointer (schema) or dot path / header (assertion) the check is about. */
  path?: string;
  expected: string;
  actual: string;
  message: string;
  /** A check that does not fail the card (e.g. a field added since the recorded schema). */
  warning?: boolean;
  /** A schema check of the card's own schema: JSON pointer, into that schema, of the keyword that failed. */
  schemaPath?: string;
  /** A failed status check: the start of the response body, to see why (redacted with the rest of the result). */
  body?: string;
  /** A standards check (kind `standard`): the rule id (docs/standards.md) and the clause it comes from, `RFC 6749 §5.1`. */
  rule?: string;
  clause?: string;
  /** A standards rule the card switched off: the reason it gives (the check passes and is shown as off). */
  off?: string;
  /** A follow-up standards check that could not be sent: `off` holds why (never a pass; shown like a switched-off rule). */
  notRun?: true;
  /** Where the card states the expectation this check comes from (the status, the schema, the assertion), 1-based. */
  line?: number;
  column?: number;
}

/** A resource a run created and did not remove. */
export interface LeftBehind {
  file: string;
  /** The request that created it, e.g. `POST /platform/v1/apps`. */
  createdBy: string;
  /** UID field (or `response`) that identifies it. */
  field: string;
  id: string;
  /** Why it is still there: no cleanup declared, or the cleanup's failure. */
  reason: string;
  /** A declared cleanup did not succeed (not set when none was declared): the run exits 1 unless --allow-leftovers. */
  cleanupFailed?: true;
}

/** A request the card sent, as recorded (bodies and headers redacted). */
export interface RequestRecord {
  /** `create client_id`, `lookup x`, `request`, `cleanup`. */
  label: string;
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  error?: string;
  /** Transport-level retries (429/503, lost connections) before this answer; never makes a card flaky. */
  retries?: number;
  /** Full URL, headers and bodies, redacted; bodies cut at 64 KiB. */
  exchange?: {
    url: string;
    requestHeaders: Record<string, string>;
    requestBody?: string;
    responseHeaders?: Record<string, string>;
    responseBody?: string;
  };
}

/**
 * Which cards keep their request/response exchanges (`--trace`): all (`on`), none (`off`), or only failed, errored
 * and flaky ones (`retain-on-failure`, the default, as Playwright does).
 */
export type TraceMode = 'on' | 'off' | 'retain-on-failure';

export const TRACE_MODES: readonly TraceMode[] = ['on', 'off', 'retain-on-failure'];

/** One try of a card; a card run with --retries keeps every attempt. */
export interface AttemptResult {
  outcome: Exclude<Outcome, 'flaky' | 'skipped'>;
  reason: string;
  durationMs: number;
  checks: CheckResult[];
  requests: RequestRecord[];
  /** A browser flow failed: the screenshot (and traces) it left, relative to the reports folder. */
  browserArtefacts?: BrowserArtefacts;
}

export interface CardResult {
  file: string;
  line: number;
  /** Card id (front-matter `id` or file name), for chaining and filters. */
  id: string;
  endpoint: string;
  title: string;
  domain: string;
  tags: string[];
  /** API of the target the card calls. */
  api: string;
  outcome: Outcome;
  /** Skip reason, failure summary or error message; empty when passed. */
  reason: string;
  durationMs: number;
  /** Checks of the last attempt. */
  checks: CheckResult[];
  diagnostics: Diagnostic[];
  leftBehind: LeftBehind[];
  /** Requests of the last attempt; empty when `requestsKept` is false. */
  requests: RequestRecord[];
  /** False when the card sent requests but `--trace` did not keep them (here and in its attempts). */
  requestsKept?: false;
  /** Status of the card's own request in the last attempt, kept whether or not its exchanges are. */
  status?: number;
  /** Every attempt, first to last (one unless --retries re-ran a failure). */
  attempts: AttemptResult[];
  /** Statuses the card documents: expected ones and those with examples. */
  documentedStatuses: number[];
  /** The last attempt's browser flow failed: its screenshot (and traces with --trace on), relative to the reports folder. */
  browserArtefacts?: BrowserArtefacts;
}

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
  errored: number;
  durationMs: number;
}

/** Per endpoint: what its cards document against what passing cards exercised. */
export interface CoverageRow {
  api: string;
  endpoint: string;
  documented: number[];
  exercised: number[];
  /** When every card of the endpoint was skipped: their reasons. */
  skippedOnly?: string[];
}

/** What a shard run records about its share, so `merge-reports` can check every card ran exactly once. */
export interface RunShard {
  index: number;
  total: number;
  /** How the suite was split: by card count, or by the durations of `--shard-timings`. */
  balance?: 'count' | 'time';
  /** Every card file the whole selection holds (all shards), sorted. */
  selected?: string[];
  /** This shard's cards a production target held back (they did not run). */
  heldBack?: string[];
}

/** One shard of a merged run. */
export interface ShardRun {
  index: number;
  total: number;
  runId: string;
  seed: number;
  startedAt: string;
  durationMs: number;
}

export interface RunResult {
  /** Unique per run. */
  runId: string;
  /** Target name or URL, as the user gave it, with the embedded sandbox noted. */
  target: string;
  startedAt: string;
  /** Faker seed; `--seed` replays it. */
  seed: number;
  /** Which cards kept their request/response exchanges (`--trace`). */
  trace?: TraceMode;
  /** With --browser, once a flow started it: the browser used and where it was found. */
  browser?: BrowserUsed;
  /** `{ index, total }` when the run is one shard of a split suite. */
  shard?: RunShard;
  /** Set by `merge-reports`: the shard runs this result was merged from, in shard order (each with its seed, to replay it). */
  mergedFrom?: ShardRun[];
  summary: RunSummary;
  cards: CardResult[];
  leftBehind: LeftBehind[];
  coverage: CoverageRow[];
  /** The run stopped early (target unreachable, --bail): why. */
  aborted?: { kind: 'unreachable' | 'bail' | 'interrupted' | 'timeout'; message: string };
  /**
   * The run did not hold its cards: `cards` is empty and every card's final result was given once, in completion
   * order, as a `card-end` event (the reporters keep what they need of it). `summary`, `coverage` and `leftBehind`
   * are still whole. Never written to results.json.
   */
  cardsStreamed?: true;
  /**
   * With `cardsStreamed`: resources left behind by a card after its `card-end` (a cleanup other cards waited for,
   * run at the end of the run). Each belongs in the `leftBehind` of the card whose `file` it names, after the
   * entries that card ended with. Never written to results.json.
   */
  lateLeftBehind?: LeftBehind[];
}

export type RunEvent =
  | {
      type: 'run-start';
      total: number;
      target: string;
      seed: number;
      shard?: RunShard;
      /** The run will stream its cards (`cardsStreamed`): reporters that write every card keep them as they end. */
      streamed?: boolean;
    }
  | { type: 'card-start'; file: string; endpoint: string; title: string }
  | { type: 'card-end'; result: CardResult }
  | { type: 'run-end'; result: RunResult };

export function summarize(cards: CardResult[], durationMs: number): RunSummary {
  const count = (o: Outcome) => cards.filter((c) => c.outcome === o).length;
  return {
    total: cards.length,
    passed: count('passed'),
    failed: count('failed'),
    flaky: count('flaky'),
    skipped: count('skipped'),
    errored: count('errored'),
    durationMs,
  };
}
