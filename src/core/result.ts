import type { Diagnostic } from './diagnostic.js';

export type Outcome = 'passed' | 'failed' | 'skipped' | 'errored';

/** One thing a check compared. Verdicts are values, not exceptions. */
export interface CheckResult {
  kind: 'status' | 'schema' | 'body' | 'assertion' | 'duration';
  passed: boolean;
  /** JSON pointer into the response body, for schema checks. */
  path?: string;
  expected: string;
  actual: string;
  message: string;
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
}

export interface CardResult {
  file: string;
  line: number;
  endpoint: string;
  title: string;
  outcome: Outcome;
  /** Skip reason, failure summary or error message; empty when passed. */
  reason: string;
  durationMs: number;
  checks: CheckResult[];
  diagnostics: Diagnostic[];
  leftBehind: LeftBehind[];
  /** Requests sent for this card (fixtures, request, cleanup), without bodies. */
  requests: { label: string; method: string; path: string; status?: number; durationMs: number; error?: string }[];
}

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  errored: number;
  durationMs: number;
}

export interface RunResult {
  target: string;
  startedAt: string;
  summary: RunSummary;
  cards: CardResult[];
  leftBehind: LeftBehind[];
}

export type RunEvent =
  | { type: 'run-start'; total: number; target: string }
  | { type: 'card-start'; file: string; endpoint: string }
  | { type: 'card-end'; result: CardResult }
  | { type: 'run-end'; result: RunResult };

export function summarize(cards: CardResult[], durationMs: number): RunSummary {
  const count = (o: Outcome) => cards.filter((c) => c.outcome === o).length;
  return {
    total: cards.length,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    errored: count('errored'),
    durationMs,
  };
}
