import type { TlsMaterial } from '../config/tls-files.js';
import type { BrowserDriver } from '../core/browser.js';
import type { TargetConfig } from '../core/config.js';
import { CardcheckError } from '../core/errors.js';
import type { RunPlan } from '../core/plan.js';
import type { Redactor } from '../core/redact.js';
import type { Journal } from '../execute/journal.js';
import type { HttpClient } from '../http/client.js';
import type { ProxySettings } from '../http/proxy-env.js';
import type { HeldBackCard } from '../plan/production-guard.js';
import type { PlanSpill } from '../plan/spilled-plan.js';
import type { Sandbox } from '../sandbox/server.js';
import type { Project, ProjectFiles } from './load-project.js';
import type { RunCardsOptions, RunCardsResult } from './run-cards-options.js';

/**
 * What the tasks of one run share. Each task fills its own part; a later
 * task reads the parts of earlier ones through `need`, and a teardown checks
 * whether its part was ever made.
 */
export interface RunContext {
  readonly options: RunCardsOptions;
  readonly cwd: string;
  readonly runId: string;
  readonly seed: number;
  /** load: the environment (the sandbox adds its credentials), the cards and the config. */
  env: Record<string, string | undefined>;
  project?: Project;
  /** load: a suite of --lean-from cards or more, planned lean (src/runner/load-lean.ts) once the env is known. */
  lean?: ProjectFiles;
  /** plan: where a lean suite's plans are kept, removed when the run ends. */
  planSpills: PlanSpill[];
  /** target: base URLs per API (the sandbox's once it listens), TLS per origin, proxy. */
  target?: TargetConfig;
  tlsMaterial?: TlsMaterial;
  proxy?: ProxySettings;
  /** sandbox: started only when the target is embedded. */
  sandbox?: Sandbox;
  /** target: the plan made to learn a URL target's API, reused by plan when the env has not changed since. */
  planBeforeTarget?: RunPlan;
  /** plan: the cards to run, in order, and those a production target held back. */
  plan?: RunPlan;
  heldBack: HeldBackCard[];
  /** plan, with `--shard`: every card file of the selection before it was split (for the shard's record). */
  wholeSelection?: string[];
  /** Every secret known before the first request; execute adds what responses reveal. */
  redactor?: Redactor;
  http?: HttpClient;
  journal?: Journal;
  /** The browser a run with `browser: true` starts (a driver the caller gives stays theirs to close). */
  ownBrowser?: BrowserDriver;
  result?: RunCardsResult;
  /** With --update-schemas: each card's final JSON response body, for write-back. */
  capturedBodies?: Map<string, unknown>;
}

/** A part an earlier task makes; missing means the tasks are in the wrong order (a bug, not a user's mistake). */
export function need<T>(value: T | undefined, part: string): T {
  if (value === undefined) throw new Error(`run task order: ${part} is not ready`);
  return value;
}

/** Stops the run with a message for the user (exit 2). */
export function localStateError(what: string, err: unknown): CardcheckError {
  const reason = err instanceof Error ? err.message : String(err);
  return new CardcheckError('local-state', `${what}: ${reason}`);
}
